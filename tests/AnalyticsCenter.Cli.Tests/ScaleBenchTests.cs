using System.Text.RegularExpressions;
using AnalyticsCenter.TestKit.Citus;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Cli.Tests;

/// <summary><c>analytics bench scale</c>, run small on one PostgreSQL server and on a Citus cluster of its own.</summary>
public sealed partial class ScaleBenchTests(PostgresServer server, CitusCluster cluster) : IClassFixture<CitusCluster>, IDisposable
{
    private readonly TempFolder _folder = new("ac-scale-bench-");

    [Fact]
    public async Task The_scale_benchmark_measures_both_stores_at_each_refresh_concurrency_and_leaves_them_the_same_tables()
    {
        await using var single = await OwnedDatabase.CreateAsync(server, TestContext.Current.CancellationToken);
        await using var distributed = await OwnedDatabase.CreateAsync(cluster, TestContext.Current.CancellationToken);

        var run = Analytics.Run(_folder.Path, "bench", "scale", "--postgres", single.Url(), "--citus", distributed.Url(),
            "--events", "1000", "--workspaces", "4", "--readers", "2", "--reads", "2");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["postgresql", "citus"], StoreLine().Matches(run.Output).Select(m => m.Groups[1].Value));
        Assert.Contains(", 1 server(s)", run.Output, StringComparison.Ordinal);
        Assert.Contains(", 3 server(s)", run.Output, StringComparison.Ordinal);
        Assert.Equal(
            ["1", "2", "4", "1", "2", "4"],
            RefreshLine().Matches(run.Output).Select(m => m.Groups[1].Value));
        Assert.Equal(2, ReportLine().Count(run.Output));
        Assert.DoesNotContain(single.Password, run.Output, StringComparison.Ordinal);
        Assert.NotEmpty(await single.TablesFingerprintAsync());
        Assert.Equal(await single.TablesFingerprintAsync(), await distributed.TablesFingerprintAsync());
    }

    [GeneratedRegex(@"^(postgresql|citus): PostgreSQL ", RegexOptions.Multiline)]
    private static partial Regex StoreLine();

    [GeneratedRegex(@"^  refresh: (\d) process\(es\), every workspace in full, in .* CPU-s in the refresh processes: [\d,]+ events/s$", RegexOptions.Multiline)]
    private static partial Regex RefreshLine();

    [GeneratedRegex(@"^  reports: 2 readers x 2 over 4 workspaces: p50 [\d.]+ ms, p99 [\d.]+ ms, [\d,]+ reports/s", RegexOptions.Multiline)]
    private static partial Regex ReportLine();

    public void Dispose() => _folder.Dispose();
}
