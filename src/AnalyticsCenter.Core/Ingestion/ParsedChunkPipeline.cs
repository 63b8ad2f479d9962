using System.Threading.Channels;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Core.Ingestion;

/// <summary>
/// An input read in chunks of lines by one thread, each chunk parsed by a worker (one per core) as soon as it is read, and
/// handed on in input order whatever finishes first, so seqs and line numbers follow the input. At most
/// <c>chunksAhead</c> chunks wait for the writer, which bounds the memory they take.
/// </summary>
public sealed class ParsedChunkPipeline : IDisposable
{
    private readonly Channel<Task<ParsedChunk>> _chunks;
    private readonly CancellationTokenSource _stop;
    private readonly LineParsers _parsers;
    private readonly Task _reading;

    public ParsedChunkPipeline(Stream input, IngestOptions options, int chunksAhead, CancellationToken cancellationToken)
    {
        _chunks = Channel.CreateBounded<Task<ParsedChunk>>(new BoundedChannelOptions(chunksAhead) { SingleReader = true, SingleWriter = true });
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = new NdjsonLineReader(input);
        _parsers = new LineParsers(options.OnlyWorkspace?.Value, reader.MaxLineBytes);
        _reading = Task.Factory.StartNew(
            () => Read(reader, _parsers, _chunks.Writer, _stop.Token), _stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The next parsed chunk, which the caller disposes; null at the end of the input.</summary>
    /// <exception cref="OperationCanceledException">The ingest was cancelled.</exception>
    /// <exception cref="IOException">The input could not be read.</exception>
    public async ValueTask<ParsedChunk?> NextAsync()
    {
        while (await _chunks.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
        {
            if (_chunks.Reader.TryRead(out var parsing))
            {
                return await parsing.ConfigureAwait(false);
            }
        }

        await _reading.ConfigureAwait(false);
        return null;
    }

    /// <summary>The next parsed chunk, waiting on this thread (a writer that must stay on its thread, as an embedded database's).</summary>
    public ParsedChunk? Next() => NextAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Stops the reader and lets the chunks being parsed finish, so none outlives the parsers, and gives their buffers back.
    /// </summary>
    public void Dispose()
    {
        _stop.Cancel();
        WaitQuietly(_reading);
        while (_chunks.Reader.TryRead(out var parsing))
        {
            WaitQuietly(parsing);
            if (parsing.IsCompletedSuccessfully)
            {
                parsing.Result.Dispose();
            }
        }

        _parsers.Dispose();
        _stop.Dispose();
    }

    private static void Read(NdjsonLineReader reader, LineParsers parsers, ChannelWriter<Task<ParsedChunk>> output, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var raw in RawChunk.ReadAll(reader))
            {
                Hand(raw);
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

    /// <summary>Waits for a task to end, however it ends: its failure is not the one being reported.</summary>
    private static void WaitQuietly(Task task) => task.ContinueWith(static _ => { }, TaskScheduler.Default).Wait(CancellationToken.None);
}
