using System.Text;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.WhatsApp;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// Before a refresh: the webhook statuses whose deployment is now known become <c>deployment.status</c> events, ingested
/// like any other (parsed, deduplicated, rejected in words if need be), and leave the waiting list; those older than the
/// retention period go. Two refreshers matching at once store the events once (the unique key) and each deletes only
/// what it matched.
/// </summary>
internal sealed class WhatsAppStatusMatcher(NpgsqlDataSource source, PostgresStoreOptions options, IWorkspaceSettings settings, EventIngest ingest)
{
    /// <summary>The source rejections of these events name (as on DuckDB).</summary>
    public const string Source = "whatsapp webhook statuses";

    public async Task MatchAsync(WorkspaceId? only, DateTime asOfUtc, CancellationToken cancellationToken)
    {
        var lines = new StringBuilder();
        var (workspaces, eventIds) = (new List<string>(), new List<string>());
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using (var command = connection.Command("WhatsApp/MatchedStatuses.sql", ("ws", only?.Value)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var status = new WhatsAppStatus
                {
                    Workspace = WorkspaceId.Parse(reader.GetString(0)),
                    EventId = reader.GetString(1),
                    MessageId = reader.GetString(2),
                    Status = reader.GetString(3),
                    OccurredAt = reader.Utc(4),
                    ErrorCode = reader.StringOrNull(5),
                    ErrorTitle = reader.StringOrNull(6),
                    ErrorDetail = reader.StringOrNull(7),
                };
                lines.Append(status.ToEventLine(reader.GetString(8))).Append('\n');
                workspaces.Add(status.Workspace.Value);
                eventIds.Add(status.EventId);
            }
        }

        if (lines.Length > 0)
        {
            // Stored first, then dropped from the waiting list: a process killed between the two stores them again at the
            // next refresh, as duplicates.
            using var events = new MemoryStream(Encoding.UTF8.GetBytes(lines.ToString()));
            await ingest.IngestAsync(events, new IngestOptions { Source = Source }, cancellationToken);
            await connection.ExecuteAsync("WhatsApp/DeleteMatched.sql", cancellationToken,
                ("workspaces", workspaces.ToArray()), ("event_ids", eventIds.ToArray()));
        }

        // Each window its own statement: on Citus, one that looked each status's workspace up would not run on the shards.
        var asOf = StoredTime.Micros(asOfUtc.ToUniversalTime());
        var own = await settings.GetRetentionsAsync(cancellationToken);
        await connection.ExecuteAsync("WhatsApp/PurgeStatuses.sql", cancellationToken,
            ("cutoff", options.Retention.StartsAt(asOf)), ("ws", only?.Value), ("except", own.Keys.ToArray()));
        foreach (var (workspace, period) in own.Where(o => only is null || o.Key == only.Value.Value))
        {
            await connection.ExecuteAsync("WhatsApp/PurgeStatuses.sql", cancellationToken,
                ("cutoff", period.StartsAt(asOf)), ("ws", workspace), ("except", Array.Empty<string>()));
        }
    }
}
