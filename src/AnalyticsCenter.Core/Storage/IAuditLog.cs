using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// Each workspace's audit log: who did what, when, to what, and how it ended. Append-only for the product: nothing changes
/// or deletes an entry but the log's own retention, which drops a workspace's entries older than it keeps. It is the
/// store's alone: tenant SQL and BI logins never read it.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends <paramref name="record"/> at the store's current time (texts cut to <see cref="AuditRecord.MaxTextLength"/>).</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// <paramref name="workspace"/>'s entries, newest first: at most <paramref name="limit"/> (up to <see cref="AuditEntry.MaxPage"/>),
    /// recorded at or after <paramref name="sinceUtc"/> and numbered below <paramref name="before"/> (the last id of the previous page).
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(
        WorkspaceId workspace, DateTime? sinceUtc, long? before, int limit, CancellationToken cancellationToken = default);
}
