using System.Data.Common;
using AnalyticsCenter.Core.Sessions;

namespace AnalyticsCenter.Core.Storage;

/// <summary>A workspace's freshness and sizes.</summary>
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
    InactivityTimeout InactivityTimeout, WorkspaceTimeZone TimeZone, RetentionPeriod Retention)
{
    /// <summary>
    /// One row of either store's status SQL (DuckDB's Query/Status.sql, PostgreSQL's Workspaces/Status.sql), whose columns
    /// are the same in the same order: workspace_id, as_of, refreshed_at, sessions, deployments, events_waiting,
    /// statuses_pending, has_timeout, inactivity_timeout_us, time_zone, retention_us.
    /// </summary>
    /// <param name="reader">The reader, on the row.</param>
    /// <param name="storeRetention">The store's retention, for a workspace that set none.</param>
    public static WorkspaceStatus Read(DbDataReader reader, RetentionPeriod storeRetention)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new WorkspaceStatus(
            reader.GetString(0),
            reader.UtcOrNull(1),
            reader.UtcOrNull(2),
            reader.GetInt64(3),
            reader.GetInt64(4),
            reader.GetInt64(5),
            reader.GetInt64(6),
            reader.GetBoolean(7) ? InactivityTimeout.FromMicros(reader.GetInt64(8)) : InactivityTimeout.None,
            WorkspaceTimeZone.FromStored(reader.IsDBNull(9) ? null : reader.GetString(9)),
            RetentionPeriod.FromMicros(reader.IsDBNull(10) ? null : reader.GetInt64(10), storeRetention));
    }
}
