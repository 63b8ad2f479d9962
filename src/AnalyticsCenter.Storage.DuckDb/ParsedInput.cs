using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// A small input's lines, parsed ahead of their turn at the writer. Its chunks are not disposed (it may be stored, or
/// dropped with its request): their buffers go to the collector.
/// </summary>
internal sealed class ParsedInput(IngestOptions options, IReadOnlyList<ParsedChunk> chunks, TimeSpan parseTime) : PreparedInput(options)
{
    public IReadOnlyList<ParsedChunk> Chunks { get; } = chunks;

    /// <summary>How long reading and parsing took, counted in the ingest's elapsed time.</summary>
    public TimeSpan ParseTime { get; } = parseTime;
}
