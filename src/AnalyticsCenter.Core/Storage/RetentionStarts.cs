namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// Where each workspace's retention window starts at one instant: an ingest counts the events before it, which it stores
/// but the next refresh drops. The workspaces' own windows are either given (the constructor) or left to the store to read
/// along with its write (<see cref="AsStored"/>, <see cref="StoreReadsWindows"/>).
/// </summary>
public sealed class RetentionStarts
{
    private readonly DateTime _nowUtc;
    private readonly IReadOnlyDictionary<string, RetentionPeriod> _configured;
    private readonly RetentionPeriod _otherwise;

    /// <summary>The starts at <paramref name="nowUtc"/> of the windows given.</summary>
    /// <param name="nowUtc">The instant.</param>
    /// <param name="configured">The workspaces that set their own window.</param>
    /// <param name="otherwise">Everyone else's window.</param>
    public RetentionStarts(DateTime nowUtc, IReadOnlyDictionary<string, RetentionPeriod> configured, RetentionPeriod otherwise)
        : this(nowUtc, configured ?? throw new ArgumentNullException(nameof(configured)), otherwise, storeReadsWindows: false)
    {
    }

    private RetentionStarts(DateTime nowUtc, IReadOnlyDictionary<string, RetentionPeriod> configured, RetentionPeriod otherwise, bool storeReadsWindows)
    {
        (_nowUtc, _configured, _otherwise) = (nowUtc, configured, otherwise);
        StoreReadsWindows = storeReadsWindows;
    }

    /// <summary>
    /// The windows as the store holds them when it stores the input: the store reads them along with its write (in the same
    /// transaction where it has one), so a caller that ingests often needs no read of its own before each input, and a
    /// window changed meanwhile, by any process, counts from the next input on.
    /// </summary>
    public static RetentionStarts AsStored(DateTime nowUtc, RetentionPeriod otherwise) =>
        new(nowUtc, new Dictionary<string, RetentionPeriod>(StringComparer.Ordinal), otherwise, storeReadsWindows: true);

    /// <summary>True when the store is to read the workspaces' own windows itself and give them to <see cref="With"/> (<see cref="AsStored"/>).</summary>
    public bool StoreReadsWindows { get; }

    /// <summary>The start of <paramref name="workspace"/>'s window.</summary>
    /// <exception cref="InvalidOperationException">The windows are the store's to read and were not given (<see cref="With"/>).</exception>
    public DateTime For(string workspace) =>
        StoreReadsWindows
            ? throw new InvalidOperationException("the retention windows are the store's to read")
            : _configured.GetValueOrDefault(workspace, _otherwise).StartsAt(_nowUtc);

    /// <summary>These starts with <paramref name="stored"/>, the windows the store read, when they are the store's to read.</summary>
    public RetentionStarts With(IReadOnlyDictionary<string, RetentionPeriod>? stored) =>
        StoreReadsWindows ? new(_nowUtc, stored ?? throw new ArgumentNullException(nameof(stored)), _otherwise) : this;

    /// <summary>True when some workspace set a window of its own.</summary>
    public bool AnyConfigured => _configured.Count > 0;

    /// <summary>The window of the workspaces that set none.</summary>
    public RetentionPeriod Otherwise => _otherwise;

    /// <summary>Where <see cref="Otherwise"/> starts.</summary>
    public DateTime OtherwiseStartsAt => _otherwise.StartsAt(_nowUtc);
}
