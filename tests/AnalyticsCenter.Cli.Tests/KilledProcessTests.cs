using System.Diagnostics;
using AnalyticsCenter.Demo;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>Killing the process midway (SIGKILL) loses no acknowledged event and leaves the tables whole.</summary>
public sealed class KilledProcessTests : IDisposable
{
    private static readonly DateTimeOffset s_end = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("ac-kill-").FullName;

    [Fact]
    public void A_refresh_killed_midway_leaves_the_previous_tables_and_the_next_refresh_completes_them()
    {
        var events = WriteEvents(400_000);

        var store = Path.Combine(_folder, "store.duckdb");
        Assert.Equal(0, Analytics.Run(_folder, "ingest", events, "--db", store).ExitCode);
        Assert.Equal(0, Analytics.Run(_folder, "refresh", "--as-of", "2026-11-05T00:00:00Z", "--db", store).ExitCode);
        var before = TablesFingerprint.Of(_folder, store);

        // A control copy shows how long the full refresh takes and what it must produce.
        var control = Path.Combine(_folder, "control.duckdb");
        File.Copy(store, control);
        var watch = Stopwatch.StartNew();
        Assert.Equal(0, Analytics.Run(_folder, "refresh", "--as-of", "2026-11-20T00:00:00Z", "--db", control).ExitCode);
        var controlTime = watch.Elapsed;
        var expected = TablesFingerprint.Of(_folder, control);
        Assert.NotEqual(before, expected);

        var saved = Path.Combine(_folder, "before.duckdb");
        File.Copy(store, saved);
        // A refresh killed after its commit but before it said so has the new tables: it finished, and proves nothing.
        KillMidway(controlTime, () => { DeleteStore(store); File.Copy(saved, store); },
            output => output.Contains("refreshed ", StringComparison.Ordinal) || TablesFingerprint.Of(_folder, store) == expected,
            "refresh", "--as-of", "2026-11-20T00:00:00Z", "--db", store);

        Assert.Equal(before, TablesFingerprint.Of(_folder, store));
        Assert.Contains("2026-11-05T00:00:00Z", Analytics.Run(_folder, "status", "--db", store).Output, StringComparison.Ordinal);

        Assert.Equal(0, Analytics.Run(_folder, "refresh", "--as-of", "2026-11-20T00:00:00Z", "--db", store).ExitCode);
        Assert.Equal(expected, TablesFingerprint.Of(_folder, store));
    }

    [Fact]
    public void An_ingest_killed_midway_keeps_what_it_committed_and_the_rerun_stores_every_event_once()
    {
        var events = WriteEvents(600_000);
        var control = Path.Combine(_folder, "control.duckdb");
        var watch = Stopwatch.StartNew();
        Assert.Equal(0, Analytics.Run(_folder, "ingest", events, "--db", control).ExitCode);
        var ingestTime = watch.Elapsed;
        Assert.Equal(0, Analytics.Run(_folder, "refresh", "--as-of", "2026-11-20T00:00:00Z", "--db", control).ExitCode);

        var store = Path.Combine(_folder, "store.duckdb");
        KillMidway(ingestTime, () => DeleteStore(store), output => output.Contains(" lines read: ", StringComparison.Ordinal), "ingest", events, "--db", store);

        var rerun = Analytics.Run(_folder, "ingest", events, "--db", store);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(0, Analytics.Run(_folder, "refresh", "--as-of", "2026-11-20T00:00:00Z", "--db", store).ExitCode);
        Assert.Equal(TablesFingerprint.Of(_folder, control), TablesFingerprint.Of(_folder, store));
    }

    /// <summary>
    /// Starts the command and kills it (SIGKILL) part-way through its expected time. A run that finished first proves
    /// nothing, so the state is reset and the kill comes earlier; the machine's load varies, the property does not.
    /// <paramref name="finished"/> tells, from what the killed run printed, whether it had finished all the same (it
    /// was closing the file when killed).
    /// </summary>
    private void KillMidway(TimeSpan expected, Action reset, Func<string, bool> finished, params string[] args)
    {
        foreach (var fraction in new[] { 0.6, 0.4, 0.25, 0.15 })
        {
            reset();
            using var process = Analytics.Start(_folder, null, args);
            Thread.Sleep(expected * fraction);
            if (process.HasExited)
            {
                continue;
            }

            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            if (finished(process.StandardOutput.ReadToEnd()))
            {
                continue;
            }

            return;
        }

        Assert.Fail($"analytics {args[0]} always finished before it could be killed midway (expected {expected})");
    }

    private static void DeleteStore(string path)
    {
        File.Delete(path);
        File.Delete(path + ".wal");
    }

    private string WriteEvents(long count)
    {
        var path = Path.Combine(_folder, "events.ndjson");
        using var file = File.Create(path);
        new DemoEventGenerator(new DemoOptions { Events = count, End = s_end, Seed = 11 }).Write(file);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
