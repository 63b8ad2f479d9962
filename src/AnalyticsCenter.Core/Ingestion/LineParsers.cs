using System.Collections.Concurrent;

namespace AnalyticsCenter.Core.Ingestion;

/// <summary>
/// Parses chunks on worker threads, one per core at most, each with a <see cref="LineParser"/> of its own (parsers
/// keep caches and are not thread-safe): on two cores, two chunks parse at once while the writer is waiting for them.
/// </summary>
public sealed class LineParsers(string? onlyWorkspace, int maxLineBytes) : IDisposable
{
    /// <summary>Where parsing tasks run: no more at once than there are cores, so no more parsers (and caches) than that.</summary>
    public TaskScheduler Scheduler { get; } =
        new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, Environment.ProcessorCount).ConcurrentScheduler;

    private readonly ConcurrentBag<LineParser> _idle = [];
    private readonly ConcurrentBag<LineParser> _all = [];

    /// <summary>Parses every line of <paramref name="raw"/> and releases its bytes.</summary>
    public ParsedChunk Parse(RawChunk raw)
    {
        using (raw)
        {
            if (!_idle.TryTake(out var parser))
            {
                parser = new LineParser(onlyWorkspace, maxLineBytes);
                _all.Add(parser);
            }

            var chunk = parser.Parse(raw);
            _idle.Add(parser);
            return chunk;
        }
    }

    public void Dispose()
    {
        foreach (var parser in _all)
        {
            parser.Dispose();
        }
    }
}
