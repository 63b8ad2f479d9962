namespace AnalyticsCenter.Demo;

/// <summary>What <see cref="DemoEventGenerator.Write"/> wrote.</summary>
/// <param name="Lines">Every line written.</param>
/// <param name="Events">
/// Distinct valid events: <paramref name="Lines"/> less <paramref name="BadLines"/> and <paramref name="DuplicateLines"/>.
/// Late arrivals and statuses written before their deployment are valid events and count here.
/// </param>
/// <param name="BadLines">Lines that the event contract rejects (invalid JSON, no UTC offset, unknown type, invalid phone, missing field).</param>
/// <param name="DuplicateLines">Exact repeats of an earlier line (same event_id, same content).</param>
/// <param name="WorkspaceIds">The workspace ids used, in order.</param>
public sealed record DemoSummary(long Lines, long Events, long BadLines, long DuplicateLines, IReadOnlyList<string> WorkspaceIds);
