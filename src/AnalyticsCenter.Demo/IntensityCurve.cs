namespace AnalyticsCenter.Demo;

/// <summary>
/// A rate of activity over the period (busier by day than by night, on weekdays than on weekends), as its
/// cumulative distribution: <see cref="At"/> maps a fraction of the work done to the instant where that
/// fraction of the activity has happened. Spawning the next visit at <c>At(linesWritten / linesWanted)</c>
/// spreads the wanted number of lines over the period by this rate, and the instants only ever move forward.
/// </summary>
internal sealed class IntensityCurve
{
    private const long MaxBuckets = 200_000;
    private const long BucketMs = 15 * 60_000;

    private readonly long _start;
    private readonly long _end;
    private readonly long _bucketMs;
    private readonly double[] _cumulative;

    /// <param name="start">First instant (Unix ms, whole second).</param>
    /// <param name="end">Last instant (Unix ms, whole second), not before start.</param>
    /// <param name="density">Relative rate at an instant (Unix ms); zero or more.</param>
    public IntensityCurve(long start, long end, Func<long, double> density)
    {
        _start = start;
        _end = end;
        var span = Math.Max(1, end - start);
        var buckets = Math.Clamp((span + BucketMs - 1) / BucketMs, 1, MaxBuckets);
        _bucketMs = Math.Max(1, (span + buckets - 1) / buckets);
        buckets = (span + _bucketMs - 1) / _bucketMs;
        _cumulative = new double[buckets];
        var sum = 0.0;
        for (var i = 0; i < buckets; i++)
        {
            var from = start + (i * _bucketMs);
            var width = Math.Min(_bucketMs, end - from);
            sum += Math.Max(0, density(from + (width / 2))) * width;
            _cumulative[i] = sum;
        }

        if (sum <= 0)
        {
            // Nothing happens by the given rate: spread evenly instead.
            for (var i = 0; i < buckets; i++)
            {
                var from = start + (i * _bucketMs);
                _cumulative[i] = Math.Min(end, from + _bucketMs) - start;
            }
        }
    }

    /// <summary>The instant (Unix ms, whole second) by which the given fraction of the activity has happened.</summary>
    public long At(double fraction)
    {
        var total = _cumulative[^1];

        // At least a sliver of activity, so that fraction 0 lands where activity begins, not at a quiet start.
        var target = Math.Max(Math.Min(fraction, 1.0) * total, total * 1e-12);
        var i = Array.BinarySearch(_cumulative, target);
        if (i < 0)
        {
            i = ~i;
        }

        i = Math.Min(i, _cumulative.Length - 1);
        var before = i == 0 ? 0 : _cumulative[i - 1];
        var mass = _cumulative[i] - before;
        var from = _start + (i * _bucketMs);
        var width = Math.Min(_bucketMs, _end - from);
        var within = mass > 0 ? (target - before) / mass : 0;
        var instant = from + (long)(within * width);
        instant -= instant % 1000;
        return Math.Clamp(instant, _start, _end);
    }
}
