using System.Diagnostics;
using System.Threading.Channels;
using AnalyticsCenter.Core.Events;
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
    /// A guess at an event line's length, to size the stored-id table for a file before reading it (the benchmark's lines
    /// average 320 bytes): guessing low only means the table grows as it goes, guessing high only costs memory.
    /// </summary>
    private const int TypicalLineBytes = 256;

    /// <summary>Chunks read ahead of the writer, each parsed by a worker as soon as read: bounds the memory they take.</summary>
    private const int ChunksAhead = 16;

    /// <summary>How many lines ahead the writer prefetches stored-id slots: a few lines' work covers a memory access.</summary>
    private const int PrefetchLines = 8;

    public IngestReport Ingest(Stream input, IngestOptions ingest, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (input.CanSeek)
        {
            memory.EventIds.Reserve((input.Length - input.Position) / TypicalLineBytes);
        }

        var chunks = Channel.CreateBounded<Task<ParsedChunk>>(
            new BoundedChannelOptions(ChunksAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = new NdjsonLineReader(input);
        using var parsers = new LineParsers(ingest.OnlyWorkspace?.Value, reader.MaxLineBytes);
        var reading = Task.Factory.StartNew(
            () => Read(reader, parsers, chunks.Writer, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var tally = new Tally(ingest);
        long accepted = 0, duplicates = 0;
        var batch = new Batch(connection, memory, NextSeq());
        try
        {
            while (chunks.Reader.WaitToReadAsync(stop.Token).AsTask().GetAwaiter().GetResult())
            {
                while (chunks.Reader.TryRead(out var parsing))
                {
                    var chunk = parsing.GetAwaiter().GetResult();
                    var receivedAt = time.GetUtcNow().UtcDateTime;
                    var lines = chunk.Lines;
                    for (var i = 0; i < lines.Length; i++)
                    {
                        // The table slot a later line will probe starts loading now, so its cache miss overlaps this line's work
                        // (a chunk's first few lines go unprefetched: a thousand lines make that negligible).
                        if (i + PrefetchLines < lines.Length)
                        {
                            memory.EventIds.Prefetch(lines[i + PrefetchLines].IdHash);
                        }

                        tally.Append(batch, lines[i], receivedAt);
                    }

                    if (batch.Lines >= options.IngestBatchLines)
                    {
                        var dropped = batch.Commit().Count;
                        (accepted, duplicates) = (accepted + batch.Events - dropped, duplicates + dropped);
                        ingest.Progress?.Report(chunk.BytesRead);
                        batch = new Batch(connection, memory, batch.NextSeq);
                    }
                }
            }

            reading.GetAwaiter().GetResult();
            var lastDropped = batch.Commit().Count;
            (accepted, duplicates) = (accepted + batch.Events - lastDropped, duplicates + lastDropped);
            ingest.Progress?.Report(long.MaxValue);
        }
        catch
        {
            stop.Cancel();
            batch.Dispose();
            DrainQuietly(chunks.Reader, reading);
            throw;
        }

        return tally.Report(accepted, duplicates, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Reads and parses a whole small input (an HTTP request) ahead of its turn at the writer.</summary>
    public static ParsedInput Prepare(Stream input, IngestOptions ingest)
    {
        var started = Stopwatch.GetTimestamp();
        var reader = new NdjsonLineReader(input);
        using var parser = new LineParser(ingest.OnlyWorkspace?.Value, reader.MaxLineBytes);
        var lines = new List<ParsedLine>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add(parser.Parse(reader.LineNumber, line, reader.LineTooLong));
        }

        return new ParsedInput(ingest, lines, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Several prepared inputs in one transaction: all of them are stored or none. Each is reported on its own, as if
    /// ingested in turn: an event repeated in a later input is that input's duplicate.
    /// </summary>
    public IReadOnlyList<IngestReport> IngestTogether(IReadOnlyList<ParsedInput> inputs, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var batch = new Batch(connection, memory, NextSeq());
        var parts = new List<(Tally Tally, long FirstSeq, long EndSeq)>(inputs.Count);
        List<long> dropped;
        try
        {
            foreach (var input in inputs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var tally = new Tally(input.Options);
                var firstSeq = batch.NextSeq;
                var receivedAt = time.GetUtcNow().UtcDateTime;
                foreach (var line in input.Lines)
                {
                    tally.Append(batch, line, receivedAt);
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

    /// <summary>
    /// Reads the input in chunks of lines and hands each to a worker to parse, in order: the writer takes the chunks'
    /// results in the order read, so seqs and line numbers follow the input whatever finishes first.
    /// </summary>
    private static void Read(NdjsonLineReader reader, LineParsers parsers, ChannelWriter<Task<ParsedChunk>> output, CancellationToken cancellationToken)
    {
        long bytesRead = 0;
        try
        {
            var chunk = new RawChunk(1);
            while (reader.TryReadLine(out var line))
            {
                if (!chunk.Fits(line.Length))
                {
                    Hand(chunk);
                    chunk = new RawChunk(reader.LineNumber);
                }

                bytesRead += line.Length + 1;
                chunk.Add(line, reader.LineTooLong);
            }

            if (chunk.Count > 0)
            {
                Hand(chunk);
            }
            else
            {
                chunk.Dispose();
            }

            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
            throw;
        }

        void Hand(RawChunk raw)
        {
            raw.BytesRead = bytesRead;

            // Started whatever happens, so the chunk's bytes go back to the pool; one the writer will not take is let
            // finish before the parsers it uses are disposed.
            var parsing = Task.Factory.StartNew(() => parsers.Parse(raw), CancellationToken.None, TaskCreationOptions.None, parsers.Scheduler);
            try
            {
                output.WriteAsync(parsing, cancellationToken).AsTask().GetAwaiter().GetResult();
            }
            catch
            {
                WaitQuietly(parsing);
                throw;
            }
        }
    }

    /// <summary>After a failure: lets the reader and the chunks being parsed finish, so none outlives the ingest's parsers.</summary>
    private static void DrainQuietly(ChannelReader<Task<ParsedChunk>> chunks, Task reading)
    {
        WaitQuietly(reading);
        while (chunks.TryRead(out var parsing))
        {
            WaitQuietly(parsing);
        }
    }

    /// <summary>Waits for a task to end, however it ends: its failure is not the one being reported.</summary>
    private static void WaitQuietly(Task task) => task.ContinueWith(static _ => { }, TaskScheduler.Default).Wait(CancellationToken.None);

    /// <summary>What one input did with its lines: the rejections by reason and the first ones listed.</summary>
    private sealed class Tally(IngestOptions ingest)
    {
        private readonly Dictionary<string, long> _rejectedByReason = new(StringComparer.Ordinal);
        private readonly List<LineRejection> _listed = [];
        private long _linesRead;

        public void Append(Batch batch, in ParsedLine line, DateTime receivedAt)
        {
            _linesRead++;
            if (line.Event is { } e)
            {
                batch.AppendEvent(e, line.Details, line.IdHash, receivedAt);
                return;
            }

            batch.AppendRejection(line, ingest.Source, receivedAt);
            _rejectedByReason[line.Rejection!.Category] = _rejectedByReason.GetValueOrDefault(line.Rejection.Category) + 1;
            if (_listed.Count < ingest.RejectionsListed)
            {
                _listed.Add(new LineRejection(line.LineNumber, line.Rejection.Reason));
            }
        }

        public IngestReport Report(long accepted, long duplicates, TimeSpan elapsed) =>
            new(_linesRead, accepted, duplicates, _rejectedByReason, elapsed) { FirstRejections = _listed };
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

        public void AppendEvent(PlatformEvent e, byte[]? details, ulong hash, DateTime receivedAt)
        {
            Lines++;
            long? timeline = e.LineNumber is { } line && e.User is { } user
                ? _memory.Timelines.Get(e.WorkspaceId, line, user.CountryCode, user.Cellphone, NewTimelines)
                : null;
            var seq = NextSeq++;
            if (_memory.EventIds.Add(hash, seq) is { } earlier)
            {
                _held.Add(new HeldEvent(seq, earlier, hash, e, details, receivedAt, timeline));
                return;
            }

            AppendRow(seq, hash, e, details, receivedAt, timeline);
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
                if (ids.TryGetValue(held.EarlierSeq, out var earlier) && earlier == (held.Event.WorkspaceId, held.Event.EventId))
                {
                    dropped.Add(held.Seq);
                }
                else
                {
                    AppendRow(held.Seq, held.Hash, held.Event, held.Details, held.ReceivedAt, held.Timeline);
                    uncertain.Add(held.Seq);
                }
            }

            CloseAppenders();
            if (uncertain.Count > 0)
            {
                using var command = _connection.Prepare(SqlScripts.Get("Ingest/DeleteDuplicates.sql").Replace("{seqs}", SeqList(uncertain), StringComparison.Ordinal));
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    dropped.Add(reader.GetInt64(0));
                }
            }

            return dropped;
        }

        private void AppendRow(long seq, ulong hash, PlatformEvent e, byte[]? details, DateTime receivedAt, long? timeline)
        {
            _events ??= _connection.CreateAppender("ac", "events");
            var row = _events.CreateRow()
                .AppendValue(seq)
                .AppendValue(e.WorkspaceId)
                .AppendValue(e.EventId)
                .AppendValue((byte)e.Type)
                .AppendValue(e.OccurredAt)
                .AppendValue(receivedAt)
                .AppendValue(timeline)
                .AppendValue(e.DeploymentId)
                .AppendValue((byte?)e.Status);
            (details is null ? row.AppendNullValue() : row.AppendValue(details.AsSpan()))
                .AppendValue(unchecked((long)hash))
                .EndRow();
        }

        private static string SeqList(IEnumerable<long> seqs) =>
            string.Join(',', seqs.Distinct().Select(seq => seq.ToString(System.Globalization.CultureInfo.InvariantCulture)));

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

        /// <summary>An event whose hash was stored before: stored at the commit only if its id was not.</summary>
        private readonly record struct HeldEvent(long Seq, long EarlierSeq, ulong Hash, PlatformEvent Event, byte[]? Details, DateTime ReceivedAt, long? Timeline);
    }
}
