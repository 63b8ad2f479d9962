namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// Where each workspace's retention window starts at one instant: an ingest counts the events before it, which it stores
/// but the next refresh drops.
/// </summary>
/// <param name="nowUtc">The instant.</param>
/// <param name="configured">The workspaces that set their own window; null when the ingesting store reads them (<see cref="AsStored"/>).</param>
/// <param name="otherwise">Everyone else's window.</param>
public sealed class RetentionStarts(DateTime nowUtc, IReadOnlyDictionary<string, RetentionPeriod>? configured, RetentionPeriod otherwise)
{
    /// <summary>
    /// The windows as the store holds them when it stores the input: the store reads them along with its write (in the same
    /// transaction where it has one), so a caller that ingests often needs no read of its own before each input, and a
    /// window changed meanwhile, by any process, counts from the next input on.
    /// </summary>
    public static RetentionStarts AsStored(DateTime nowUtc, RetentionPeriod otherwise) => new(nowUtc, null, otherwise);

    /// <summary>True when the store is to read the configured windows (<see cref="AsStored"/>).</summary>
    public bool ReadByStore => configured is null;

    /// <summary>The start of <paramref name="workspace"/>'s window.</summary>
    /// <exception cref="InvalidOperationException">The windows are the store's to read and were not given (<see cref="With"/>).</exception>
    public DateTime For(string workspace) =>
        (configured ?? throw new InvalidOperationException("the retention windows are the store's to read")).GetValueOrDefault(workspace, otherwise)
        .StartsAt(nowUtc);

    /// <summary>These starts with <paramref name="stored"/>, the windows the store read, when they are the store's to read.</summary>
    public RetentionStarts With(IReadOnlyDictionary<string, RetentionPeriod>? stored) =>
        configured is not null ? this : new(nowUtc, stored ?? throw new ArgumentNullException(nameof(stored)), otherwise);

    /// <summary>True when some workspace set a window of its own.</summary>
    public bool AnyConfigured => configured?.Count > 0;

    /// <summary>The window of the workspaces that set none.</summary>
    public RetentionPeriod Otherwise => otherwise;

    /// <summary>Where <see cref="Otherwise"/> starts.</summary>
    public DateTime OtherwiseStartsAt => otherwise.StartsAt(nowUtc);
}
