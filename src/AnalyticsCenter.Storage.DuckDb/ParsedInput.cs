using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>A small input's lines, parsed ahead of their turn at the writer.</summary>
internal sealed class ParsedInput(IngestOptions options, IReadOnlyList<ParsedLine> lines, TimeSpan parseTime) : PreparedInput(options)
{
    public IReadOnlyList<ParsedLine> Lines { get; } = lines;

    /// <summary>How long reading and parsing took, counted in the ingest's elapsed time.</summary>
    public TimeSpan ParseTime { get; } = parseTime;
}
