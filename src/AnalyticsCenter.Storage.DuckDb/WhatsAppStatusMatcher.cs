using System.Text;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.WhatsApp;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// Before each refresh: the webhook statuses whose deployment is now known become <c>deployment.status</c> events,
/// ingested like any other (parsed, deduplicated, rejected in words if need be), and leave the waiting list; those
/// older than the retention period go. <c>ingest</c> is the store's own, called holding its writer.
/// </summary>
internal sealed class WhatsAppStatusMatcher(DuckDBConnection connection, DuckDbStoreOptions options, Func<Stream, IngestOptions, IngestReport> ingest)
{
    /// <summary>The source rejections of these events name.</summary>
    public const string Source = "whatsapp webhook statuses";

    public void Match(DateTime asOfUtc)
    {
        if (connection.Scalar<long>("SELECT count(*) FROM ac.whatsapp_statuses") == 0)
        {
            return;
        }

        var lines = new StringBuilder();
        using (var command = connection.Prepare(SqlScripts.Get("WhatsApp/MatchedStatuses.sql")))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var status = new WhatsAppStatus
                {
                    Workspace = WorkspaceId.Parse(reader.GetString(0)),
                    EventId = reader.GetString(1),
                    MessageId = reader.GetString(2),
                    Status = reader.GetString(3),
                    OccurredAt = reader.Utc(4),
                    ErrorCode = reader.IsDBNull(5) ? null : reader.GetString(5),
                    ErrorTitle = reader.IsDBNull(6) ? null : reader.GetString(6),
                    ErrorDetail = reader.IsDBNull(7) ? null : reader.GetString(7),
                };
                lines.Append(status.ToEventLine(reader.GetString(8))).Append('\n');
            }
        }

        if (lines.Length > 0)
        {
            // Stored first, then dropped from the waiting list: a process killed between the two stores them again
            // at the next refresh, as duplicates.
            using var events = new MemoryStream(Encoding.UTF8.GetBytes(lines.ToString()));
            ingest(events, new IngestOptions { Source = Source });
            connection.Execute(SqlScripts.Get("WhatsApp/DeleteMatched.sql"));
        }

        connection.Execute(SqlScripts.Get("WhatsApp/PurgeStatuses.sql"), ("as_of", asOfUtc), ("default_us", options.Retention.Micros));
    }
}
