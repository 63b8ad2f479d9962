using System.Diagnostics;
using AnalyticsCenter.Core.Ingestion;
using AnalyticsCenter.Core.Storage;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// Streams NDJSON into the store: Core's pipeline reads and parses chunks ahead (one worker per core), and this thread
/// copies their lines in input order into the batch in flight; each batch is one transaction. Nothing is remembered
/// between batches or processes: the database's unique key is the only judge of a duplicate, so any number of ingest
/// processes may write at once. A process killed midway keeps every batch it committed and nothing of the one in flight.
/// </summary>
internal sealed class EventIngest(NpgsqlDataSource source, PostgresStoreOptions options, TimeProvider time)
{
    /// <summary>Parsed chunks read ahead of the writer: bounds their memory while the database commits a batch.</summary>
    private const int ChunksAhead = 16;

    public async Task<IngestReport> IngestAsync(Stream input, IngestOptions ingest, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var chunks = new ParsedChunkPipeline(input, ingest, ChunksAhead, cancellationToken);
        var tally = new IngestTally(ingest);
        long accepted = 0, duplicates = 0;
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        var batch = await IngestBatch.BeginAsync(connection, cancellationToken);
        try
        {
            while (await chunks.NextAsync() is { } next)
            {
                using (var chunk = next)
                {
                    var receivedAt = Now();
                    foreach (ref readonly var line in chunk.Lines)
                    {
                        tally.Count(batch.Add(line, chunk.Text.Bytes, receivedAt, ingest.Source, part: 0));
                    }
                }

                if (batch.Lines >= options.IngestBatchLines)
                {
                    var (events, stored) = (await batch.CommitAsync(cancellationToken))[0];
                    (accepted, duplicates) = (accepted + stored, duplicates + events - stored);
                    ingest.Progress?.Report(next.BytesRead);
                    await batch.DisposeAsync();
                    batch = await IngestBatch.BeginAsync(connection, cancellationToken);
                }
            }

            if (batch.Lines > 0)
            {
                var (events, stored) = (await batch.CommitAsync(cancellationToken))[0];
                (accepted, duplicates) = (accepted + stored, duplicates + events - stored);
            }

            ingest.Progress?.Report(long.MaxValue);
        }
        finally
        {
            await batch.DisposeAsync();
        }

        return tally.Report(accepted, duplicates, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Several prepared inputs in one transaction; each reported as if ingested in turn.</summary>
    public async Task<IReadOnlyList<IngestReport>> IngestTogetherAsync(IReadOnlyList<PreparedInput> prepared, CancellationToken cancellationToken)
    {
        var inputs = prepared.Select(input => input as ParsedInput
            ?? throw new ArgumentException("an input was prepared by another store", nameof(prepared))).ToList();
        var started = Stopwatch.GetTimestamp();
        var tallies = inputs.Select(input => new IngestTally(input.Options)).ToList();
        (long Events, long Stored)[] parts = [];
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using (var batch = await IngestBatch.BeginAsync(connection, cancellationToken))
        {
            for (var part = 0; part < inputs.Count; part++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var receivedAt = Now();
                foreach (var chunk in inputs[part].Chunks)
                {
                    foreach (ref readonly var line in chunk.Lines)
                    {
                        tallies[part].Count(batch.Add(line, chunk.Text.Bytes, receivedAt, inputs[part].Options.Source, part));
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

    /// <summary>The receipt time, as the store keeps it: microseconds, UTC in a column without a zone.</summary>
    private DateTime Now() => DateTime.SpecifyKind(PgCommands.Micros(time.GetUtcNow().UtcDateTime), DateTimeKind.Unspecified);
}
