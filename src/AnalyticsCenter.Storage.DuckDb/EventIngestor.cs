using System.Diagnostics;
using System.Text;
using AnalyticsCenter.Core.Ingestion;
using AnalyticsCenter.Core.Storage;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// Streams NDJSON into the store. One thread reads the input in chunks, workers parse the chunks (one per core), and
/// the calling thread appends their lines in input order (DuckDB's appender) straight into the store's tables; each
/// batch is one transaction that leaves out the batch's duplicates. A process killed midway keeps every batch it
/// committed and nothing of the batch in flight. The timeline ids and the stored event ids are the store's, kept
/// across ingests (only an ingest adds either).
/// </summary>
internal sealed class EventIngestor(DuckDBConnection connection, DuckDbStoreOptions options, TimeProvider time, WriterMemory memory)
{
    /// <summary>
    /// A guess at an event line's length, to size the stored-id table for a file before reading it: guessing low only
    /// means the table grows as it goes, guessing high only costs memory.
    /// </summary>
    private const int TypicalLineBytes = 256;

    /// <summary>
    /// Chunks read ahead of the writer, each parsed by a worker as soon as read: bounds the memory they take. Enough that
    /// the parsers go on while the writer is inside DuckDB each time a row group fills or a batch commits; far fewer left
    /// them idle for most of it, and the benchmark's ingest slower (docs/performance.md).
    /// </summary>
    private const int ChunksAhead = 160;

    /// <summary>How many lines ahead the writer prefetches stored-id slots: a few lines' work covers a memory access.</summary>
    private const int PrefetchLines = 8;

    /// <param name="input">NDJSON.</param>
    /// <param name="ingest">How to read it.</param>
    /// <param name="storedWindows">The workspaces' own retention windows, when <paramref name="ingest"/> leaves them to the store.</param>
    /// <param name="cancellationToken">Stops the ingest between batches.</param>
    public IngestReport Ingest(
        Stream input, IngestOptions ingest, IReadOnlyDictionary<string, RetentionPeriod>? storedWindows, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (input.CanSeek)
        {
            memory.EventIds.Reserve((input.Length - input.Position) / TypicalLineBytes);
        }

        using var chunks = new ParsedChunkPipeline(input, ingest, ChunksAhead, cancellationToken);
        var tally = new IngestTally(ingest, storedWindows);
        long accepted = 0, duplicates = 0;
        var batch = new Batch(connection, memory, NextSeq());
        try
        {
            while (chunks.Next() is { } next)
            {
                using var chunk = next;
                var receivedAt = time.GetUtcNow().UtcDateTime;
                var lines = chunk.Lines;
                var text = chunk.Text.Bytes;
                for (var i = 0; i < lines.Length; i++)
                {
                    // The table slot a later line will probe starts loading now, so its cache miss overlaps this line's work
                    // (a chunk's first few lines go unprefetched: a thousand lines make that negligible).
                    if (i + PrefetchLines < lines.Length)
                    {
                        memory.EventIds.Prefetch(lines[i + PrefetchLines].Event.IdHash);
                    }

                    Append(batch, tally, lines[i], text, receivedAt, ingest.Source);
                }

                if (batch.Lines >= options.IngestBatchLines)
                {
                    var dropped = batch.Commit().Count;
                    (accepted, duplicates) = (accepted + batch.Events - dropped, duplicates + dropped);
                    ingest.Progress?.Report(chunk.BytesRead);
                    batch = new Batch(connection, memory, batch.NextSeq);
                }
            }

            var lastDropped = batch.Commit().Count;
            (accepted, duplicates) = (accepted + batch.Events - lastDropped, duplicates + lastDropped);
            ingest.Progress?.Report(long.MaxValue);
        }
        catch
        {
            batch.Dispose();
            throw;
        }

        return tally.Report(accepted, duplicates, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Several prepared inputs in one transaction: all of them are stored or none. Each is reported on its own, as if
    /// ingested in turn: an event repeated in a later input is that input's duplicate.
    /// </summary>
    public IReadOnlyList<IngestReport> IngestTogether(
        IReadOnlyList<ParsedInput> inputs, IReadOnlyDictionary<string, RetentionPeriod>? storedWindows, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var batch = new Batch(connection, memory, NextSeq());
        var parts = new List<(IngestTally Tally, long FirstSeq, long EndSeq)>(inputs.Count);
        List<long> dropped;
        try
        {
            foreach (var input in inputs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var tally = new IngestTally(input.Options, storedWindows);
                var firstSeq = batch.NextSeq;
                var receivedAt = time.GetUtcNow().UtcDateTime;
                foreach (var chunk in input.Chunks)
                {
                    foreach (var line in chunk.Lines)
                    {
                        Append(batch, tally, line, chunk.Text.Bytes, receivedAt, input.Options.Source);
                    }
                }

                parts.Add((tally, firstSeq, batch.NextSeq));
            }

            dropped = batch.Commit();
        }
        catch
        {
            batch.Dispose();
            throw;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        return parts.Select((part, i) =>
        {
            var duplicates = dropped.Count(seq => seq >= part.FirstSeq && seq < part.EndSeq);
            return part.Tally.Report(part.EndSeq - part.FirstSeq - duplicates, duplicates, inputs[i].ParseTime + elapsed);
        }).ToList();
    }

    private long NextSeq() => memory.EventIds.NextSeq;

    /// <summary>Appends the line to <paramref name="batch"/>; an event's text is in <paramref name="text"/>, its chunk's buffer.</summary>
    private static void Append(Batch batch, IngestTally tally, in ParsedLine line, byte[] text, DateTime receivedAt, string source)
    {
        tally.Count(line, text);
        if (line.Rejection is null)
        {
            batch.AppendEvent(line.Event, text, receivedAt);
        }
        else
        {
            batch.AppendRejection(line, source, receivedAt);
        }
    }

    /// <summary>
    /// One transaction's worth of lines, appended as they come, except events whose id may have been stored already:
    /// those wait for the commit, which stores only the ones that turn out new.
    /// </summary>
    private sealed class Batch : IDisposable
    {
        private readonly DuckDBConnection _connection;
        private readonly WriterMemory _memory;
        private readonly List<HeldEvent> _held = [];
        private readonly DuckDBTransaction _transaction;
        private readonly long _firstSeq;
        private DuckDBAppender? _events;
        private DuckDBAppender? _rejections;
        private DuckDBAppender? _newTimelines;

        public Batch(DuckDBConnection connection, WriterMemory memory, long firstSeq)
        {
            _connection = connection;
            _memory = memory;
            _firstSeq = firstSeq;
            NextSeq = firstSeq;
            _transaction = connection.BeginTransaction();
        }

        public long Lines { get; private set; }

        public long NextSeq { get; private set; }

        /// <summary>Events taken (each took a seq), duplicates included.</summary>
        public long Events => NextSeq - _firstSeq;

        public void AppendEvent(in ParsedEvent e, byte[] text, DateTime receivedAt)
        {
            Lines++;
            long? timeline = e.HasTimeline ? Timeline(e.TimelineKey(text)) : null;
            var seq = NextSeq++;
            if (_memory.EventIds.Add(e.IdHash, seq) is { } earlier)
            {
                // Kept past its chunk, whose buffer goes back to the pool.
                var (held, heldText) = e.Detach(text);
                _held.Add(new HeldEvent(seq, earlier, held, heldText, receivedAt, timeline));
                return;
            }

            AppendRow(seq, e, text, receivedAt, timeline);
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
                .AppendValue(Utf8(line.Rejection!.Category))
                .AppendValue(Utf8(line.Rejection.Reason))
                .AppendValue(Utf8(line.Raw!))
                .EndRow();
        }

        /// <summary>
        /// Text as UTF-8 bytes with their length: the appender cuts a string at its first NUL, and a rejected line's raw
        /// text (or a reason quoting it) may hold one.
        /// </summary>
        private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

        /// <summary>Stores the held events that are not duplicates and commits; returns the seqs of the events dropped.</summary>
        public List<long> Commit()
        {
            CloseAppenders();
            var dropped = _held.Count > 0 ? StoreHeldEvents() : [];
            _transaction.Commit();
            _transaction.Dispose();
            _memory.EventIds.NextSeq = NextSeq;
            return dropped;
        }

        /// <summary>
        /// A held event is a duplicate when the row its hash points at holds its very id. One whose row is gone (purged)
        /// or holds another id (a hash collision) is stored, then checked against every stored id.
        /// </summary>
        private List<long> StoreHeldEvents()
        {
            var ids = new Dictionary<long, (string, string)>();
            var seqs = SeqList(_held.Select(h => h.EarlierSeq));
            using (var command = _connection.Prepare(SqlScripts.Get("Ingest/ReadBySeq.sql").Replace("{seqs}", seqs, StringComparison.Ordinal)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    ids[reader.GetInt64(0)] = (reader.GetString(1), reader.GetString(2));
                }
            }

            var dropped = new List<long>();
            var uncertain = new List<long>();
            foreach (var held in _held)
            {
                if (ids.TryGetValue(held.EarlierSeq, out var earlier) && earlier == held.Id)
                {
                    dropped.Add(held.Seq);
                }
                else
                {
                    AppendRow(held.Seq, held.Event, held.Text, held.ReceivedAt, held.Timeline);
                    uncertain.Add(held.Seq);
                }
            }

            CloseAppenders();
            if (uncertain.Count > 0)
            {
                using var command = _connection.Prepare(
                    SqlScripts.Get("Ingest/DeleteDuplicates.sql").Replace("{seqs}", SeqList(uncertain), StringComparison.Ordinal));
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    dropped.Add(reader.GetInt64(0));
                }
            }

            return dropped;
        }

        private void AppendRow(long seq, in ParsedEvent e, byte[] text, DateTime receivedAt, long? timeline)
        {
            _events ??= _connection.CreateAppender("ac", "events");
            var row = _events.CreateRow()
                .AppendValue(seq)
                .AppendValue(e.Workspace(text))
                .AppendValue(e.EventId(text))
                .AppendValue((byte)e.Type)
                .AppendValue(e.OccurredAt)
                .AppendValue(receivedAt)
                .AppendValue(timeline);
            row = e.HasDeploymentId ? row.AppendValue(e.DeploymentId(text)) : row.AppendNullValue();
            row = row.AppendValue((byte?)e.Status);
            row = e.HasDetails ? row.AppendValue(e.Details(text)) : row.AppendNullValue();
            row = row.AppendValue(unchecked((long)e.IdHash));
            row = e.HasDeploymentId ? row.AppendValue(_memory.DeploymentKeys.Get(e.Workspace(text), e.DeploymentId(text))) : row.AppendNullValue();
            row.EndRow();
        }

        private static string SeqList(IEnumerable<long> seqs) =>
            string.Join(',', seqs.Distinct().Select(seq => seq.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        public void Dispose()
        {
            CloseAppenders();
            _transaction.Dispose();
        }

        /// <summary>The id of the timeline <paramref name="key"/> names; a new one is appended, in this transaction.</summary>
        private long Timeline(Span<byte> key)
        {
            var id = _memory.Timelines.Get(key, out var added);
            if (added)
            {
                _newTimelines ??= _connection.CreateAppender("ac", "timelines");
                var row = _newTimelines.CreateRow().AppendValue(id);
                foreach (var part in TimelineKey.Parts(key))
                {
                    row = row.AppendValue(key[part]);
                }

                row.EndRow();
            }

            return id;
        }

        private void CloseAppenders()
        {
            _events?.Dispose();
            _rejections?.Dispose();
            _newTimelines?.Dispose();
            (_events, _rejections, _newTimelines) = (null, null, null);
        }

        /// <summary>An event whose hash was stored before: stored at the commit only if its id was not.</summary>
        private readonly record struct HeldEvent(long Seq, long EarlierSeq, ParsedEvent Event, byte[] Text, DateTime ReceivedAt, long? Timeline)
        {
            /// <summary>Its (workspace, event id), as <c>ac.events</c> holds them.</summary>
            public (string, string) Id => (Encoding.UTF8.GetString(Event.Workspace(Text)), Encoding.UTF8.GetString(Event.EventId(Text)));
        }
    }
}
