using System.Text;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Core.Ingestion;

/// <summary>What one input did with its lines, for its <see cref="IngestReport"/>: the rejections by reason and the first ones listed.</summary>
/// <param name="ingest">The input's options.</param>
/// <param name="storedWindows">
/// The workspaces' own retention windows as the store read them, when the options leave that to the store
/// (<see cref="RetentionStarts.AsStored"/>); null otherwise.
/// </param>
public sealed class IngestTally(IngestOptions ingest, IReadOnlyDictionary<string, RetentionPeriod>? storedWindows = null)
{
    private readonly RetentionStarts? _retainedFrom = ingest.RetainedFrom?.With(storedWindows);
    private readonly Dictionary<string, long> _rejectedByReason = new(StringComparer.Ordinal);
    private readonly List<LineRejection> _listed = [];
    private long _linesRead;
    private long _beforeRetention;
    private byte[] _lastWorkspace = [];
    private DateTime _lastRetainedFrom = DateTime.MinValue;

    /// <summary>Counts a line: an accepted event (its text in <paramref name="text"/>, its chunk's buffer), or a rejection.</summary>
    public void Count(in ParsedLine line, byte[] text)
    {
        _linesRead++;
        if (line.Rejection is not { } rejection)
        {
            if (_retainedFrom is { } starts && line.Event.OccurredAt < RetainedFrom(starts, line.Event.Workspace(text)))
            {
                _beforeRetention++;
            }

            return;
        }

        _rejectedByReason[rejection.Category] = _rejectedByReason.GetValueOrDefault(rejection.Category) + 1;
        if (_listed.Count < ingest.RejectionsListed)
        {
            _listed.Add(new LineRejection(line.LineNumber, rejection.Reason));
        }
    }

    /// <summary>An input is mostly one workspace's lines: the last answer is kept rather than each line looked up.</summary>
    private DateTime RetainedFrom(RetentionStarts starts, ReadOnlySpan<byte> workspace)
    {
        if (!workspace.SequenceEqual(_lastWorkspace))
        {
            (_lastWorkspace, _lastRetainedFrom) = (workspace.ToArray(), starts.For(Encoding.UTF8.GetString(workspace)));
        }

        return _lastRetainedFrom;
    }

    public IngestReport Report(long accepted, long duplicates, TimeSpan elapsed) =>
        new(_linesRead, accepted, duplicates, _rejectedByReason, elapsed) { FirstRejections = _listed, BeforeRetention = _beforeRetention };
}
