using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>How a PostgreSQL store behaves. Immutable; every default is the documented product behaviour.</summary>
public sealed record PostgresStoreOptions
{
    /// <summary>The retention window of the workspaces that set none of their own. Default 30 days.</summary>
    public RetentionPeriod Retention { get; init; } = RetentionPeriod.Default;

    /// <summary>How long each workspace's audit entries are kept: <see cref="AuditEntry.DefaultRetention"/> (a year) unless told.</summary>
    public TimeSpan AuditRetention { get; init; } = AuditEntry.DefaultRetention;

    /// <summary>
    /// Lines committed per ingest transaction: bounds the work a crash can cost and what the staging table and the held
    /// rejections take. Default 100,000.
    /// </summary>
    public int IngestBatchLines { get; init; } = 100_000;

    /// <summary>
    /// Rows a refresh reads from its events' cursor at a time, sessionizes and writes back before reading on: bounds its
    /// memory however big the workspace. Default 50,000.
    /// </summary>
    public int RefreshFetchRows { get; init; } = 50_000;

    /// <summary>How long opening a connection may take before the store is unavailable. Default 15 seconds.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long one of the store's own statements (not a tenant's query) may run. Default 10 minutes: a full rebuild of a
    /// big workspace takes minutes; no statement should take hours.
    /// </summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>What tenants' queries and BI logins may do: time, width, connections. Default: <see cref="TenantAccessOptions"/>'s.</summary>
    public TenantAccessOptions TenantAccess { get; init; } = new();
}
