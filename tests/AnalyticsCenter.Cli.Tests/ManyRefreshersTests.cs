using System.Text.RegularExpressions;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>Several refreshers on one PostgreSQL database: <c>refresh</c> processes, <c>serve</c>'s refresh endpoint, and <c>serve</c>'s schedule.</summary>
public sealed partial class ManyRefreshersTests(PostgresServer server) : IDisposable
{
    private readonly TempFolder _folder = new("ac-refreshers-");

    [Fact]
    public async Task Refreshers_at_once_take_a_workspace_in_turn_refresh_others_meanwhile_and_leave_a_single_refreshs_tables()
    {
        var events = SharedDatabase.WriteRecentDemoEvents(_folder.Path, 20_000);
        await using var control = await OwnedDatabase.CreateAsync(server, TestContext.Current.CancellationToken);
        await using var shared = await OwnedDatabase.CreateAsync(server, TestContext.Current.CancellationToken);
        Assert.Equal(0, Analytics.Run(_folder.Path, "ingest", events, "--db", control.Url()).ExitCode);
        Assert.Equal(0, Analytics.Run(_folder.Path, "ingest", events, "--db", shared.Url()).ExitCode);
        Assert.Equal(0, Analytics.Run(_folder.Path, "refresh", "--db", control.Url()).ExitCode);

        var workspaces = await shared.RowsAsync("SELECT DISTINCT workspace_id FROM analytics.events ORDER BY 1");
        Assert.Equal(3, workspaces.Count);
        var held = workspaces[1];
        await using (var holder = new NpgsqlConnection(shared.SuperuserConnectionString))
        {
            // The test holds one workspace's refresh lock, as a refresher under way would.
            await holder.OpenAsync(TestContext.Current.CancellationToken);
            await using var transaction = await holder.BeginTransactionAsync(TestContext.Current.CancellationToken);
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('analytics.refresh ' || @ws, 0))", holder))
            {
                take.Parameters.AddWithValue("ws", held);
                await take.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            using var first = Analytics.Start(_folder.Path, null, "refresh", "--db", shared.Url());
            using var second = Analytics.Start(_folder.Path, null, "refresh", "--db", shared.Url());
            await Waiting.UntilAsync(
                async () => (await shared.RowsAsync("SELECT workspace_id FROM analytics.refresh_state ORDER BY 1")).Count == 2,
                () => "the workspaces nobody holds were not refreshed");

            Assert.DoesNotContain(held, await shared.RowsAsync("SELECT workspace_id FROM analytics.refresh_state"));
            Assert.False(first.HasExited);
            Assert.False(second.HasExited);
            await transaction.RollbackAsync(TestContext.Current.CancellationToken);
            Assert.True(first.WaitForExit(TimeSpan.FromSeconds(45)) && second.WaitForExit(TimeSpan.FromSeconds(45)));
            Assert.Equal(0, first.ExitCode);
            Assert.Equal(0, second.ExitCode);
        }

        // Then two servers' refresh endpoints and another process, all at once.
        using var serverX = new ServedStore(_folder.Path, shared.Url());
        using var serverY = new ServedStore(_folder.Path, shared.Url());
        await serverX.StartAsync();
        await serverY.StartAsync();
        using var third = Analytics.Start(_folder.Path, null, "refresh", "--db", shared.Url());
        using var clientX = serverX.Client();
        using var clientY = serverY.Client();
        var answers = await Task.WhenAll(
            clientX.PostAsync(new Uri("/api/v1/refresh", UriKind.Relative), null, TestContext.Current.CancellationToken),
            clientY.PostAsync(new Uri("/api/v1/refresh", UriKind.Relative), null, TestContext.Current.CancellationToken));
        Assert.All(answers, answer => answer.EnsureSuccessStatusCode());
        Assert.True(third.WaitForExit(TimeSpan.FromSeconds(45)));
        Assert.Equal(0, third.ExitCode);

        Assert.Equal(await control.TablesFingerprintAsync(), await shared.TablesFingerprintAsync());
    }

    [Fact]
    public async Task A_scheduled_refresh_runs_once_per_boundary_however_many_servers_keep_the_schedule()
    {
        await using var shared = await OwnedDatabase.CreateAsync(server, TestContext.Current.CancellationToken);
        Assert.Equal(0, Analytics.Run(_folder.Path, "ingest", SharedDatabase.WriteRecentDemoEvents(_folder.Path, 20_000), "--db", shared.Url()).ExitCode);
        var servers = Enumerable.Range(0, 3).Select(_ => new ServedStore(_folder.Path, shared.Url())).ToList();
        try
        {
            await Task.WhenAll(servers.Select(s => s.StartAsync("--refresh-every", "2s")));
            await Task.Delay(TimeSpan.FromSeconds(12), TestContext.Current.CancellationToken);
            foreach (var served in servers)
            {
                Assert.Equal(0, await served.TerminateAsync());
            }

            var heard = servers.SelectMany((s, index) => s.Log.Select(line => ScheduleLine().Match(line)).Where(m => m.Success)
                .Select(m => (Server: index, Boundary: m.Groups[1].Value, Refreshed: m.Groups[2].Value == "took"))).ToList();
            var refreshed = heard.Where(h => h.Refreshed).GroupBy(h => h.Boundary).ToList();
            Assert.True(refreshed.Count >= 3, string.Join('\n', heard));
            Assert.All(refreshed, boundary => Assert.Single(boundary));

            // Each refreshed boundary was claimed in the database; each server stopped between its claim and its refresh leaves one more.
            var claims = await shared.RowsAsync("SELECT to_char(boundary, 'YYYY-MM-DD\"T\"HH24:MI:SS') FROM analytics.refresh_claims");
            Assert.All(refreshed, boundary => Assert.Contains(boundary.Key[..19], claims));
            Assert.InRange(claims.Count, refreshed.Count, refreshed.Count + servers.Count);

            // The others found the boundaries claimed (by a server that refreshed it, or one stopped before it could); once all were
            // up, every server heard each boundary.
            Assert.All(heard.Where(h => !h.Refreshed), skipped => Assert.Contains(skipped.Boundary[..19], claims));
            Assert.Contains(refreshed, boundary => heard.Count(h => h.Boundary == boundary.Key) == servers.Count);
        }
        finally
        {
            servers.ForEach(s => s.Dispose());
        }
    }

    [GeneratedRegex(@"scheduled refresh as of (\S+) (took|is another server's)")]
    private static partial Regex ScheduleLine();

    public void Dispose() => _folder.Dispose();
}
