using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>The audit log in <c>analytics.audit_log</c> (Migrations/017_audit_log.sql), kept for <paramref name="retention"/>.</summary>
internal sealed class AuditLog(NpgsqlDataSource source, TimeProvider time, TimeSpan retention) : IAuditLog
{
    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = StoredTime.Now(time);
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("Audit/Expire.sql", cancellationToken, AuditRows.Expire(record.Workspace, now, retention));
        await connection.ExecuteAsync("Audit/Record.sql", cancellationToken, AuditRows.Record(record, now));
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(
        WorkspaceId workspace, DateTime? sinceUtc, long? before, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command(
            "Audit/Read.sql", AuditRows.Read(workspace, sinceUtc, before, limit, time.GetUtcNow().UtcDateTime, retention));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(AuditRows.Entry(reader, workspace));
        }

        return entries;
    }
}
