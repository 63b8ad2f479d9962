namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// What a piece of work took: by the clock, and in CPU time summed over all the process's threads. The second says
/// whether the cores were busy: on a machine of N cores, a wall time of T leaves at most N × T CPU time.
/// </summary>
/// <param name="Wall">Elapsed by the clock.</param>
/// <param name="Cpu">CPU time of the whole process meanwhile (user and kernel, every thread).</param>
public readonly record struct Timing(TimeSpan Wall, TimeSpan Cpu)
{
    /// <summary>Both pieces of work, one after the other.</summary>
    public Timing Add(Timing other) => new(Wall + other.Wall, Cpu + other.Cpu);

    /// <summary>For a report: <c>2.87 s (5.14 CPU-s)</c>.</summary>
    public override string ToString() => $"{Wall.TotalSeconds:0.00} s ({Cpu.TotalSeconds:0.00} CPU-s)";
}
