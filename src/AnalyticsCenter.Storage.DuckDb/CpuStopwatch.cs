using System.Diagnostics;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>Measures a <see cref="Timing"/>: the clock and the process's CPU time since it started.</summary>
public readonly struct CpuStopwatch
{
    private readonly long _started;
    private readonly TimeSpan _cpuAtStart;

    private CpuStopwatch(long started, TimeSpan cpuAtStart) => (_started, _cpuAtStart) = (started, cpuAtStart);

    public static CpuStopwatch StartNew() => new(Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime);

    /// <summary>The work since <see cref="StartNew"/>.</summary>
    public Timing Elapsed => new(Stopwatch.GetElapsedTime(_started), Environment.CpuUsage.TotalTime - _cpuAtStart);
}
