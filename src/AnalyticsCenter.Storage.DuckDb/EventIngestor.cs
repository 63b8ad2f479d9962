using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Ingestion;
using AnalyticsCenter.Core.Storage;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// Streams NDJSON into the store. One thread reads and parses lines while the calling thread appends them
/// (DuckDB's appender) straight into the store's tables; each batch is one transaction that also drops the batch's
/// duplicates. A process killed midway keeps every batch it committed and nothing of the batch in flight.
/// </summary>
internal sealed class EventIngestor(DuckDBConnection connection, DuckDbStoreOptions options, TimeProvider time)
{
    private const string LineTooLongReason = "the line is longer than the limit";
    private const int ChunkLines = 4096;

    public IngestReport Ingest(Stream input, IngestOptions ingest, CancellationToken cancellationToken)
    {
        var (source, progress) = (ingest.Source, ingest.Progress);
        var listed = new List<LineRejection>();
        var started = Stopwatch.GetTimestamp();
        var timelines = TimelineIds.Load(connection);

        // Seqs never repeat, even after retention purged the newest events: refresh state remembers the last one seen.
        var nextSeq = connection.Scalar<long>(
            "SELECT greatest((SELECT coalesce(max(seq), 0) FROM ac.events), (SELECT coalesce(max(last_seq), 0) FROM ac.refresh_state)) + 1");

        var chunks = Channel.CreateBounded<(ParsedLine[] Lines, int Count, long BytesRead)>(
            new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parsing = Task.Run(() => Parse(input, ingest.OnlyWorkspace?.Value, chunks.Writer, stop.Token), stop.Token);

        var rejectedByReason = new Dictionary<string, long>(StringComparer.Ordinal);
        long accepted = 0, duplicates = 0, linesRead = 0;
        var batch = new Batch(connection, timelines, nextSeq);
        try
        {
            while (chunks.Reader.WaitToReadAsync(stop.Token).AsTask().GetAwaiter().GetResult())
            {
                while (chunks.Reader.TryRead(out var chunk))
                {
                    var receivedAt = time.GetUtcNow().UtcDateTime;
                    for (var i = 0; i < chunk.Count; i++)
                    {
                        ref readonly var line = ref chunk.Lines[i];
                        if (line.Event is { } e)
                        {
                            batch.AppendEvent(e, line.Details, receivedAt);
                        }
                        else
                        {
                            batch.AppendRejection(line, source, receivedAt);
                            rejectedByReason[line.Rejection!.Category] = rejectedByReason.GetValueOrDefault(line.Rejection.Category) + 1;
                            if (listed.Count < ingest.RejectionsListed)
                            {
                                listed.Add(new LineRejection(line.LineNumber, line.Rejection.Reason));
                            }
                        }
                    }

                    linesRead += chunk.Count;
                    if (batch.Lines >= options.IngestBatchLines)
                    {
                        var (inserted, dropped) = batch.Commit();
                        (accepted, duplicates) = (accepted + inserted, duplicates + dropped);
                        progress?.Report(chunk.BytesRead);
                        batch = new Batch(connection, timelines, batch.NextSeq);
                    }
                }
            }

            parsing.GetAwaiter().GetResult();
            var (lastInserted, lastDropped) = batch.Commit();
            (accepted, duplicates) = (accepted + lastInserted, duplicates + lastDropped);
            progress?.Report(long.MaxValue);
        }
        catch
        {
            stop.Cancel();
            batch.Dispose();
            throw;
        }

        return new IngestReport(linesRead, accepted, duplicates, rejectedByReason, Stopwatch.GetElapsedTime(started)) { FirstRejections = listed };
    }

    /// <summary>Reads and parses every line, handing them over in chunks.</summary>
    private static void Parse(Stream input, string? onlyWorkspace, ChannelWriter<(ParsedLine[], int, long)> output, CancellationToken cancellationToken)
    {
        try
        {
            var reader = new NdjsonLineReader(input);
            var parser = new EventParser();
            using var details = new EventDetails();
            var chunk = new ParsedLine[ChunkLines];
            var count = 0;
            long bytesRead = 0;
            while (reader.TryReadLine(out var line))
            {
                bytesRead += line.Length + 1;
                if (reader.LineTooLong)
                {
                    var rejection = new Rejection(LineTooLongReason, $"{LineTooLongReason} of {reader.MaxLineBytes} bytes");
                    chunk[count++] = new ParsedLine(reader.LineNumber, null, null, rejection, null, RawText(line) + "…");
                }
                else
                {
                    var parsed = parser.Parse(line);
                    chunk[count++] = parsed.Event is { } e
                        ? onlyWorkspace is null || e.WorkspaceId == onlyWorkspace
                            ? new ParsedLine(reader.LineNumber, e, details.Of(e), null, e.WorkspaceId, null)
                            : new ParsedLine(reader.LineNumber, null, null, OtherWorkspace(e.WorkspaceId, onlyWorkspace), onlyWorkspace, RawText(line))
                        : new ParsedLine(reader.LineNumber, null, null, parsed.Rejection, parsed.WorkspaceId, RawText(line));
                }

                if (count == chunk.Length)
                {
                    output.WriteAsync((chunk, count, bytesRead), cancellationToken).AsTask().GetAwaiter().GetResult();
                    chunk = new ParsedLine[ChunkLines];
                    count = 0;
                }
            }

            if (count > 0)
            {
                output.WriteAsync((chunk, count, bytesRead), cancellationToken).AsTask().GetAwaiter().GetResult();
            }

            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
            throw;
        }
    }

    private static Rejection OtherWorkspace(string named, string only) =>
        new("workspace_id is not this key's workspace", $"workspace_id \"{named}\" is not this key's workspace ({only})");

    /// <summary>The line as received; bytes that are not UTF-8 become U+FFFD, so the text can be shown and stored.</summary>
    private static string RawText(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line);

    /// <summary>One transaction's worth of lines, appended as they come.</summary>
    private sealed class Batch : IDisposable
    {
        private readonly DuckDBConnection _connection;
        private readonly TimelineIds _timelines;
        private readonly DuckDBTransaction _transaction;
        private readonly long _firstSeq;
        private DuckDBAppender? _events;
        private DuckDBAppender? _rejections;
        private DuckDBAppender? _newTimelines;
        private long _appended;

        public Batch(DuckDBConnection connection, TimelineIds timelines, long firstSeq)
        {
            _connection = connection;
            _timelines = timelines;
            _firstSeq = firstSeq;
            NextSeq = firstSeq;
            _transaction = connection.BeginTransaction();
        }

        public long Lines { get; private set; }

        public long NextSeq { get; private set; }

        public void AppendEvent(PlatformEvent e, string? details, DateTime receivedAt)
        {
            Lines++;
            _appended++;
            long? timeline = e.LineNumber is { } line && e.User is { } user
                ? _timelines.Get(e.WorkspaceId, line, user.CountryCode, user.Cellphone, NewTimelines)
                : null;
            _events ??= _connection.CreateAppender("ac", "events");
            _events.CreateRow()
                .AppendValue(NextSeq++)
                .AppendValue(e.WorkspaceId)
                .AppendValue(e.EventId)
                .AppendValue((byte)e.Type)
                .AppendValue(e.OccurredAt)
                .AppendValue(receivedAt)
                .AppendValue(timeline)
                .AppendValue(e.DeploymentId)
                .AppendValue((byte?)e.Status)
                .AppendValue(details)
                .EndRow();
        }

        public void AppendRejection(in ParsedLine line, string source, DateTime receivedAt)
        {
            Lines++;
            _rejections ??= _connection.CreateAppender("ac", "rejections");
            _rejections.CreateRow()
                .AppendValue(line.Workspace)
                .AppendValue(receivedAt)
                .AppendValue(source)
                .AppendValue(line.LineNumber)
                .AppendValue(line.Rejection!.Category)
                .AppendValue(line.Rejection.Reason)
                .AppendValue(line.Raw)
                .EndRow();
        }

        /// <summary>Drops the batch's duplicates and commits; returns the events kept and dropped.</summary>
        public (long Inserted, long Duplicates) Commit()
        {
            CloseAppenders();
            var duplicates = _appended == 0 ? 0 : _connection.Execute(SqlScripts.Get("Ingest/DeleteDuplicates.sql"), ("first_seq", _firstSeq));
            _transaction.Commit();
            _transaction.Dispose();
            return (_appended - duplicates, duplicates);
        }

        public void Dispose()
        {
            CloseAppenders();
            _transaction.Dispose();
        }

        private DuckDBAppender NewTimelines() => _newTimelines ??= _connection.CreateAppender("ac", "timelines");

        private void CloseAppenders()
        {
            _events?.Dispose();
            _rejections?.Dispose();
            _newTimelines?.Dispose();
            (_events, _rejections, _newTimelines) = (null, null, null);
        }
    }
}
