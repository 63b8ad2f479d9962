using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Core.Ingestion;

/// <summary>What one input did with its lines, for its <see cref="IngestReport"/>: the rejections by reason and the first ones listed.</summary>
public sealed class IngestTally(IngestOptions ingest)
{
    private readonly Dictionary<string, long> _rejectedByReason = new(StringComparer.Ordinal);
    private readonly List<LineRejection> _listed = [];
    private long _linesRead;
    private long _beforeRetention;

    /// <summary>Counts a line: an accepted event, or a rejection.</summary>
    public void Count(in ParsedLine line)
    {
        _linesRead++;
        if (line.Rejection is not { } rejection)
        {
            if (line.Event.OccurredAt < ingest.RetainedFrom)
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

    public IngestReport Report(long accepted, long duplicates, TimeSpan elapsed) =>
        new(_linesRead, accepted, duplicates, _rejectedByReason, elapsed) { FirstRejections = _listed, BeforeRetention = _beforeRetention };
}
