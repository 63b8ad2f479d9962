using System.Diagnostics;
using System.Text;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Ingestion;
using AnalyticsCenter.Core.Storage;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// Streams NDJSON into the store: lines are parsed as they are read, appended to per-connection staging tables,
/// and each batch moves into the store in one transaction, deduplicated. A process killed midway keeps every
/// batch it committed and nothing of the batch in flight.
/// </summary>
internal sealed class EventIngestor(DuckDBConnection connection, DuckDbStoreOptions options, TimeProvider time)
{
    private const string LineTooLongReason = "the line is longer than the limit";

    public IngestReport Ingest(Stream input, string source, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        connection.Execute(SqlScripts.Get("Ingest/CreateStaging.sql"));
        connection.Execute(SqlScripts.Get("Ingest/ClearStaging.sql"));
        // Seqs never repeat, even after retention purged the newest events: refresh state remembers the last one seen.
        var nextSeq = connection.Scalar<long>(
            "SELECT greatest((SELECT coalesce(max(seq), 0) FROM ac.events), (SELECT coalesce(max(last_seq), 0) FROM ac.refresh_state)) + 1");

        var reader = new NdjsonLineReader(input);
        var parser = new EventParser();
        var rejectedByReason = new Dictionary<string, long>(StringComparer.Ordinal);
        long accepted = 0, duplicates = 0, bytesRead = 0;
        var staged = 0L;
        var batch = new StagingBatch(connection);
        var receivedAt = time.GetUtcNow().UtcDateTime;

        while (reader.TryReadLine(out var line))
        {
            bytesRead += line.Length + 1;
            if (reader.LineTooLong)
            {
                var reason = $"{LineTooLongReason} of {reader.MaxLineBytes} bytes";
                batch.AppendRejection(null, receivedAt, source, reader.LineNumber, new Rejection(LineTooLongReason, reason), RawText(line) + "…");
                Count(rejectedByReason, LineTooLongReason);
            }
            else
            {
                var parsed = parser.Parse(line);
                if (parsed.Event is { } accepted1)
                {
                    batch.AppendEvent(nextSeq++, accepted1, receivedAt);
                    staged++;
                }
                else
                {
                    var rejection = parsed.Rejection!;
                    batch.AppendRejection(parsed.WorkspaceId, receivedAt, source, reader.LineNumber, rejection, RawText(line));
                    Count(rejectedByReason, rejection.Category);
                }
            }

            if (batch.Lines >= options.IngestBatchLines)
            {
                var inserted = batch.Commit();
                (accepted, duplicates, staged) = (accepted + inserted, duplicates + staged - inserted, 0);
                progress?.Report(bytesRead);
                cancellationToken.ThrowIfCancellationRequested();
                batch = new StagingBatch(connection);
                receivedAt = time.GetUtcNow().UtcDateTime;
            }
        }

        var last = batch.Commit();
        accepted += last;
        duplicates += staged - last;
        progress?.Report(bytesRead);
        return new IngestReport(reader.LineNumber, accepted, duplicates, rejectedByReason, Stopwatch.GetElapsedTime(started));
    }

    private static void Count(Dictionary<string, long> counts, string reason) =>
        counts[reason] = counts.GetValueOrDefault(reason) + 1;

    /// <summary>The line as received; bytes that are not UTF-8 become U+FFFD, so the text can be shown and stored.</summary>
    private static string RawText(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line);

    /// <summary>One batch: appenders on the staging tables, then one transaction into the store.</summary>
    private sealed class StagingBatch(DuckDBConnection connection)
    {
        private DuckDBAppender? _events;
        private DuckDBAppender? _rejections;

        public long Lines { get; private set; }

        public void AppendEvent(long seq, PlatformEvent e, DateTime receivedAt)
        {
            Lines++;
            _events ??= connection.CreateAppender("temp", "main", "staged_events");
            var row = _events.CreateRow();
            row.AppendValue(seq)
                .AppendValue(e.WorkspaceId)
                .AppendValue(e.EventId)
                .AppendValue((byte)e.Type)
                .AppendValue(e.OccurredAt)
                .AppendValue(receivedAt)
                .AppendValue(e.LineDisplayName)
                .AppendValue(e.MessageId)
                .AppendValue(e.MessageKind)
                .AppendValue(e.MessageText)
                .AppendValue(e.Sender)
                .AppendValue(e.ConversationId)
                .AppendValue(e.ConversationVersion)
                .AppendValue(e.ReferralSourceUrl)
                .AppendValue(e.ReferralSourceType)
                .AppendValue(e.ReferralSourceId)
                .AppendValue(e.ReferralHeadline)
                .AppendValue(e.ReferralBody)
                .AppendValue(e.ReferralMediaType)
                .AppendValue(e.ReferralMediaUrl)
                .AppendValue(e.ReferralThumbnailUrl)
                .AppendValue(e.LinkCampaignName)
                .AppendValue(e.LinkCampaignSource)
                .AppendValue(e.NodeId)
                .AppendValue(e.AgentId)
                .AppendValue(e.DeploymentId)
                .AppendValue(e.CampaignName)
                .AppendValue((byte?)e.Status)
                .AppendValue(e.ErrorCode)
                .AppendValue(e.ErrorTitle)
                .AppendValue(e.ErrorDetail)
                .AppendValue(e.LineNumber)
                .AppendValue(e.User?.CountryCode)
                .AppendValue(e.User?.Cellphone)
                .EndRow();
        }

        public void AppendRejection(string? workspace, DateTime receivedAt, string source, long lineNumber, Rejection rejection, string raw)
        {
            Lines++;
            _rejections ??= connection.CreateAppender("temp", "main", "staged_rejections");
            _rejections.CreateRow()
                .AppendValue(workspace)
                .AppendValue(receivedAt)
                .AppendValue(source)
                .AppendValue(lineNumber)
                .AppendValue(rejection.Category)
                .AppendValue(rejection.Reason)
                .AppendValue(raw)
                .EndRow();
        }

        /// <summary>Moves the batch into the store in one transaction; returns the events that were new.</summary>
        public long Commit()
        {
            _events?.Dispose();
            _rejections?.Dispose();
            if (Lines == 0)
            {
                return 0;
            }

            using var transaction = connection.BeginTransaction();
            connection.Execute(SqlScripts.Get("Ingest/InsertTimelines.sql"));
            var inserted = connection.Execute(SqlScripts.Get("Ingest/InsertEvents.sql"));
            connection.Execute(SqlScripts.Get("Ingest/InsertRejections.sql"));
            transaction.Commit();
            connection.Execute(SqlScripts.Get("Ingest/ClearStaging.sql"));
            return inserted;
        }
    }
}
