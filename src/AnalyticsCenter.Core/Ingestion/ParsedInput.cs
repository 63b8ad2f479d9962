using System.Diagnostics;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Core.Ingestion;

/// <summary>
/// A small input's lines, parsed ahead of their turn at the writer. Its chunks are not disposed (it may be stored, or
/// dropped with its request): their buffers go to the collector.
/// </summary>
public sealed class ParsedInput(IngestOptions options, IReadOnlyList<ParsedChunk> chunks, TimeSpan parseTime) : PreparedInput(options)
{
    /// <summary>Reads and parses a whole small input (an HTTP request) on the calling thread.</summary>
    public static ParsedInput Read(Stream input, IngestOptions options)
    {
        var started = Stopwatch.GetTimestamp();
        var reader = new NdjsonLineReader(input);
        using var parser = new LineParser(options.OnlyWorkspace?.Value, reader.MaxLineBytes);
        var chunks = new List<ParsedChunk>();
        foreach (var raw in RawChunk.ReadAll(reader))
        {
            using (raw)
            {
                chunks.Add(parser.Parse(raw));
            }
        }

        return new ParsedInput(options, chunks, Stopwatch.GetElapsedTime(started));
    }

    public IReadOnlyList<ParsedChunk> Chunks { get; } = chunks;

    /// <summary>How long reading and parsing took, counted in the ingest's elapsed time.</summary>
    public TimeSpan ParseTime { get; } = parseTime;
}
