using System.Data.Common;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Core.Audit;

/// <summary>
/// The audit log as both stores keep it: the same parameters for Audit/Record.sql, Expire.sql and Read.sql, and the same
/// columns read back, so a store holds only its SQL.
/// </summary>
public static class AuditRows
{
    /// <summary>ws, now, actor, action, object_id, object_name, outcome, detail: an entry to append at <paramref name="nowUtc"/>.</summary>
    public static (string Name, object? Value)[] Record(AuditRecord record, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(record);
        var kept = record.Bounded();
        return
        [
            ("ws", kept.Workspace.Value), ("now", nowUtc), ("actor", kept.Actor.ToStored()), ("action", kept.Action.ToString()),
            ("object_id", kept.ObjectId), ("object_name", kept.ObjectName), ("outcome", kept.Outcome.ToString()), ("detail", kept.Detail),
        ];
    }

    /// <summary>ws, keep_from: what the log no longer keeps of <paramref name="workspace"/> at <paramref name="nowUtc"/>.</summary>
    public static (string Name, object? Value)[] Expire(WorkspaceId workspace, DateTime nowUtc, TimeSpan retention) =>
        [("ws", workspace.Value), ("keep_from", nowUtc - retention)];

    /// <summary>ws, since, before, limit: a page, never reaching before what the log keeps, of 1 to <see cref="AuditEntry.MaxPage"/> entries.</summary>
    public static (string Name, object? Value)[] Read(
        WorkspaceId workspace, DateTime? sinceUtc, long? before, int limit, DateTime nowUtc, TimeSpan retention)
    {
        var keepFrom = nowUtc - retention;
        return
        [
            ("ws", workspace.Value), ("since", sinceUtc is { } since && since > keepFrom ? since : keepFrom), ("before", before),
            ("limit", Math.Clamp(limit, 1, AuditEntry.MaxPage)),
        ];
    }

    /// <summary>entry_id, at, actor, action, object_id, object_name, outcome, detail of <paramref name="workspace"/>'s log.</summary>
    public static AuditEntry Entry(DbDataReader reader, WorkspaceId workspace)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new AuditEntry(
            reader.GetInt64(0), reader.Utc(1),
            new AuditRecord(
                workspace, Actor.FromStored(reader.GetString(2))!, Enum.Parse<AuditAction>(reader.GetString(3)), reader.GetString(4),
                reader.GetString(5), Enum.Parse<AuditOutcome>(reader.GetString(6)), reader.GetString(7)));
    }
}
