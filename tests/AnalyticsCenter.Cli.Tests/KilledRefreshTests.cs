using System.Diagnostics;
using AnalyticsCenter.Demo;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>A refresh is one transaction: killing the process midway loses nothing and leaves the previous tables whole.</summary>
public sealed class KilledRefreshTests : IDisposable
{
    private const string Fingerprint =
        "SELECT (SELECT count(*) FROM sessions) AS sessions, (SELECT count(*) FROM deployments) AS deployments, " +
        "(SELECT count(*) FILTER (WHERE session_finished_timestamp IS NULL) FROM sessions) AS open_sessions, " +
        "(SELECT max(session_started_timestamp) FROM sessions) AS latest";

    private static readonly DateTimeOffset s_end = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("ac-kill-").FullName;

    [Fact]
    public void A_refresh_killed_midway_leaves_the_previous_tables_and_the_next_refresh_completes_them()
    {
        var events = Path.Combine(_folder, "events.ndjson");
        using (var file = File.Create(events))
        {
            new DemoEventGenerator(new DemoOptions { Events = 400_000, End = s_end, Seed = 11 }).Write(file);
        }

        var store = Path.Combine(_folder, "store.duckdb");
        Assert.Equal(0, Analytics.Run(_folder, "ingest", events, "--db", store).ExitCode);
        Assert.Equal(0, Analytics.Run(_folder, "refresh", "--as-of", "2026-11-05T00:00:00Z", "--db", store).ExitCode);
        var before = Query(store);

        // A control copy shows how long the full refresh takes and what it must produce.
        var control = Path.Combine(_folder, "control.duckdb");
        File.Copy(store, control);
        var watch = Stopwatch.StartNew();
        Assert.Equal(0, Analytics.Run(_folder, "refresh", "--as-of", "2026-11-20T00:00:00Z", "--db", control).ExitCode);
        var controlTime = watch.Elapsed;
        var expected = Query(control);
        Assert.NotEqual(before, expected);

        using (var refresh = Analytics.Start(_folder, null, "refresh", "--as-of", "2026-11-20T00:00:00Z", "--db", store))
        {
            Thread.Sleep(controlTime * 0.6);
            Assert.False(refresh.HasExited, $"the refresh finished within {controlTime * 0.6}; it must be killed midway");
            refresh.Kill(entireProcessTree: true);
            refresh.WaitForExit();
        }

        Assert.Equal(before, Query(store));
        Assert.Contains("2026-11-05T00:00:00Z", Analytics.Run(_folder, "status", "--db", store).Output, StringComparison.Ordinal);

        Assert.Equal(0, Analytics.Run(_folder, "refresh", "--as-of", "2026-11-20T00:00:00Z", "--db", store).ExitCode);
        Assert.Equal(expected, Query(store));
    }

    private string Query(string store)
    {
        var result = Analytics.Run(_folder, "query", Fingerprint, "--workspace", "acme", "--db", store, "--format", "csv");
        Assert.Equal(0, result.ExitCode);
        return result.Output;
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
