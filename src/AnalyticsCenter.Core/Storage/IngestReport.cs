namespace AnalyticsCenter.Core.Storage;

/// <summary>What an ingest did with every line it read: accepted + duplicates + rejected = lines read.</summary>
/// <param name="LinesRead">Lines read, blank ones included.</param>
/// <param name="Accepted">New events stored.</param>
/// <param name="Duplicates">Events whose (workspace, event_id) was already stored or came twice.</param>
/// <param name="RejectedByReason">Rejected lines, counted by reason (without the offending values).</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record IngestReport(long LinesRead, long Accepted, long Duplicates, IReadOnlyDictionary<string, long> RejectedByReason, TimeSpan Elapsed)
{
    /// <summary>The first rejections with their line and reason (as many as <see cref="IngestOptions.RejectionsListed"/>).</summary>
    public IReadOnlyList<LineRejection> FirstRejections { get; init; } = [];

    /// <summary>
    /// Parsed events (accepted or duplicates) that occurred before <see cref="IngestOptions.RetainedFrom"/>: stored now,
    /// dropped by the next refresh. 0 when it was not set.
    /// </summary>
    public long BeforeRetention { get; init; }

    /// <summary>All rejected lines.</summary>
    public long Rejected => RejectedByReason.Values.Sum();
}
