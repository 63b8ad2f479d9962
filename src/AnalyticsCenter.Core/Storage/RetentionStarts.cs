namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// Where each workspace's retention window starts at one instant: an ingest counts the events before it, which it stores
/// but the next refresh drops.
/// </summary>
/// <param name="nowUtc">The instant.</param>
/// <param name="configured">The workspaces that set their own window.</param>
/// <param name="otherwise">Everyone else's window.</param>
public sealed class RetentionStarts(DateTime nowUtc, IReadOnlyDictionary<string, RetentionPeriod> configured, RetentionPeriod otherwise)
{
    /// <summary>The start of <paramref name="workspace"/>'s window.</summary>
    public DateTime For(string workspace) => configured.GetValueOrDefault(workspace, otherwise).StartsAt(nowUtc);

    /// <summary>True when some workspace set a window of its own.</summary>
    public bool AnyConfigured => configured.Count > 0;

    /// <summary>The window of the workspaces that set none.</summary>
    public RetentionPeriod Otherwise => otherwise;

    /// <summary>Where <see cref="Otherwise"/> starts.</summary>
    public DateTime OtherwiseStartsAt => otherwise.StartsAt(nowUtc);
}
