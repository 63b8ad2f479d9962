using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>The audit log in <c>ac.audit_log</c> (Sql/Audit/Schema.sql), kept for <paramref name="retention"/>, on the connection the store hands it.</summary>
internal sealed class AuditLogRepository(DuckDBConnection connection, TimeProvider time, TimeSpan retention)
{
    public void Record(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = StoredTime.Now(time);
        connection.Execute(SqlScripts.Get("Audit/Expire.sql"), AuditRows.Expire(record.Workspace, now, retention));
        connection.Execute(SqlScripts.Get("Audit/Record.sql"), AuditRows.Record(record, now));
    }

    public IReadOnlyList<AuditEntry> Read(WorkspaceId workspace, DateTime? sinceUtc, long? before, int limit)
    {
        using var command = connection.Prepare(
            SqlScripts.Get("Audit/Read.sql"), AuditRows.Read(workspace, sinceUtc, before, limit, time.GetUtcNow().UtcDateTime, retention));
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(AuditRows.Entry(reader, workspace));
        }

        return entries;
    }
}
