using AnalyticsCenter.Core.Sessions;

namespace AnalyticsCenter.Core.Storage;

/// <summary>A workspace's freshness and sizes (each store reads them with <see cref="WorkspaceStatusReader"/>).</summary>
/// <param name="Workspace">The workspace id.</param>
/// <param name="AsOfUtc">The as-of time of its last refresh; null if never refreshed.</param>
/// <param name="RefreshedAtUtc">When that refresh ran.</param>
/// <param name="Sessions">Rows in sessions.</param>
/// <param name="Deployments">Rows in deployments.</param>
/// <param name="EventsWaiting">Stored events the tables do not reflect yet (ingested after, or occurring after, the last refresh).</param>
/// <param name="StatusesPending">Statuses whose deployment is not known as of the last refresh.</param>
/// <param name="InactivityTimeout">The configured timeout.</param>
/// <param name="TimeZone">The default time zone of its reports and web tab.</param>
/// <param name="Retention">The window its rows are kept for: its own, or the store's when it set none.</param>
public sealed record WorkspaceStatus(
    string Workspace, DateTime? AsOfUtc, DateTime? RefreshedAtUtc, long Sessions, long Deployments, long EventsWaiting, long StatusesPending,
    InactivityTimeout InactivityTimeout, WorkspaceTimeZone TimeZone, RetentionPeriod Retention);
