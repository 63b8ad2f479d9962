using AnalyticsCenter.Demo;

namespace AnalyticsCenter.Cli;

/// <summary>Writes generated events to an NDJSON file, as a platform export would be.</summary>
internal static class GeneratedEvents
{
    public static DemoSummary WriteFile(string path, DemoOptions options)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        return Progress.Status($"generating {options.Events:N0} events", () => new DemoEventGenerator(options).Write(file));
    }

    /// <summary>Removes a store file and its write-ahead log, so a run starts from nothing.</summary>
    public static void DeleteStore(string path)
    {
        File.Delete(path);
        File.Delete(path + ".wal");
    }
}
