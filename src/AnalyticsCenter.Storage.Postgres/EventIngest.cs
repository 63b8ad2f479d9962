using System.Diagnostics;
using AnalyticsCenter.Core.Ingestion;
using AnalyticsCenter.Core.Storage;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// Streams NDJSON into the store: Core's pipeline reads and parses chunks ahead (one worker per core), and this thread
/// copies their lines in input order into the batch in flight; each batch is one transaction. Nothing is remembered
/// between batches or processes: the database's unique key is the only judge of a duplicate, so any number of ingest
/// processes may write at once. A process killed midway keeps every batch it committed and nothing of those in flight.
/// </summary>
internal sealed class EventIngest(NpgsqlDataSource source, PostgresStoreOptions options, TimeProvider time)
{
    /// <summary>Parsed chunks read ahead of the writer: bounds their memory while the database commits a batch.</summary>
    private const int ChunksAhead = 16;

    /// <summary>
    /// A file's batches go over two connections in turn: while the server stores one batch, the next is copied on the
    /// other, so this process and the server work at once. A batch stores its events only after the one before it
    /// committed, so a repeated id keeps its first line, as in one connection.
    /// </summary>
    public async Task<IngestReport> IngestAsync(Stream input, IngestOptions ingest, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var chunks = new ParsedChunkPipeline(input, ingest, ChunksAhead, cancellationToken);
        long accepted = 0, duplicates = 0;
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var other = await source.OpenConnectionAsync(cancellationToken);
        NpgsqlConnection[] turns = [connection, other];
        var batches = 0;
        IngestBatch? batch = await IngestBatch.BeginAsync(connection, ReadsWindows(ingest), cancellationToken);
        var tally = new IngestTally(ingest, batch.Windows);
        Task? committing = null;
        try
        {
            while (await chunks.NextAsync() is { } next)
            {
                using (var chunk = next)
                {
                    var receivedAt = Now();
                    batch.Receive(receivedAt, part: 0, ingest.Source);
                    foreach (ref readonly var line in chunk.Lines)
                    {
                        tally.Count(batch.Add(line, chunk.Text.Bytes), chunk.Text.Bytes);
                    }
                }

                if (batch.Lines >= options.IngestBatchLines)
                {
                    var full = batch;
                    batch = null;
                    committing = await CommitAfterAsync(committing, full, next.BytesRead);
                    batch = await IngestBatch.BeginAsync(turns[++batches % 2], readWindows: false, cancellationToken);
                }
            }

            if (batch.Lines > 0)
            {
                var last = batch;
                batch = null;
                committing = await CommitAfterAsync(committing, last, null);
            }

            if (committing is not null)
            {
                await committing;
            }

            ingest.Progress?.Report(long.MaxValue);
        }
        finally
        {
            await WaitQuietlyAsync(committing);
            if (batch is not null)
            {
                await batch.DisposeAsync();
            }
        }

        return tally.Report(accepted, duplicates, Stopwatch.GetElapsedTime(started));

        // Waits for the batch before (so the new one's events come after its), then starts the new one's commit.
        async Task<Task> CommitAfterAsync(Task? previous, IngestBatch full, long? bytesRead)
        {
            if (previous is not null)
            {
                try
                {
                    await previous;
                }
                catch
                {
                    await full.DisposeAsync();
                    throw;
                }
            }

            return CommitAsync(full, bytesRead);
        }

        async Task CommitAsync(IngestBatch full, long? bytesRead)
        {
            await using (full)
            {
                var (events, stored) = (await full.CommitAsync(cancellationToken))[0];
                (accepted, duplicates) = (accepted + stored, duplicates + events - stored);
            }

            if (bytesRead is { } read)
            {
                ingest.Progress?.Report(read);
            }
        }
    }

    /// <summary>Several prepared inputs in one transaction; each reported as if ingested in turn.</summary>
    public async Task<IReadOnlyList<IngestReport>> IngestTogetherAsync(IReadOnlyList<PreparedInput> prepared, CancellationToken cancellationToken)
    {
        var inputs = prepared.Select(input => input as ParsedInput
            ?? throw new ArgumentException("an input was prepared by another store", nameof(prepared))).ToList();
        var started = Stopwatch.GetTimestamp();
        List<IngestTally> tallies;
        (long Events, long Stored)[] parts = [];
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using (var batch = await IngestBatch.BeginAsync(connection, inputs.Any(input => ReadsWindows(input.Options)), cancellationToken))
        {
            tallies = inputs.Select(input => new IngestTally(input.Options, batch.Windows)).ToList();
            var receivedAt = DateTime.MinValue;
            for (var part = 0; part < inputs.Count; part++)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Each input its own receipt time, a microsecond after the one before at least: the batch tells them apart by it.
                var now = Now();
                receivedAt = now > receivedAt ? now : receivedAt.AddTicks(TimeSpan.TicksPerMicrosecond);
                batch.Receive(receivedAt, part, inputs[part].Options.Source);
                foreach (var chunk in inputs[part].Chunks)
                {
                    foreach (ref readonly var line in chunk.Lines)
                    {
                        tallies[part].Count(batch.Add(line, chunk.Text.Bytes), chunk.Text.Bytes);
                    }
                }
            }

            if (batch.Lines > 0)
            {
                parts = await batch.CommitAsync(cancellationToken);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        return inputs.Select((input, i) =>
        {
            var (events, stored) = i < parts.Length ? parts[i] : (0, 0);
            return tallies[i].Report(stored, events - stored, input.ParseTime + elapsed);
        }).ToList();
    }

    /// <summary>Lets a commit that failed along with the ingest end before its connection goes; the ingest's own error is the one thrown.</summary>
    private static async Task WaitQuietlyAsync(Task? committing)
    {
        if (committing is not null)
        {
            await committing.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>True when the ingest counts events before the retention windows as the store holds them, which its transaction reads.</summary>
    private static bool ReadsWindows(IngestOptions ingest) => ingest.RetainedFrom?.StoreReadsWindows == true;

    /// <summary>The receipt time, as the store keeps it: microseconds, UTC in a column without a zone.</summary>
    private DateTime Now() => DateTime.SpecifyKind(StoredTime.Now(time), DateTimeKind.Unspecified);
}
