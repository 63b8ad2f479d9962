using System.CommandLine;
using AnalyticsCenter.Demo;

namespace AnalyticsCenter.Cli;

/// <summary>Writes generated events to an NDJSON file, as a platform export would be.</summary>
internal static class GeneratedEvents
{
    /// <summary>Where the benchmarks' generated months end, so the same seed gives the same file and the same work on any day.</summary>
    public static DateTimeOffset BenchEnd { get; } = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    /// <summary><c>--seed</c>: same seed, same data.</summary>
    public static Option<int> SeedOption() => new("--seed") { Description = "Same seed, same data", DefaultValueFactory = _ => 7 };

    public static async Task<DemoSummary> WriteFileAsync(string path, DemoOptions options)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        return await Progress.StatusAsync($"generating {options.Events:N0} events", () => Task.FromResult(new DemoEventGenerator(options).Write(file)));
    }

    /// <summary>Removes a store file and its write-ahead log, so a run starts from nothing.</summary>
    public static void DeleteStore(string path)
    {
        File.Delete(path);
        File.Delete(path + ".wal");
    }
}
