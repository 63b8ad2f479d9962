using System.Globalization;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>On PostgreSQL, readers see whole tables while a refresh runs, and a refresh process killed midway (SIGKILL) leaves them whole.</summary>
public sealed class KilledRefreshOnPostgresTests(PostgresServer server) : IDisposable
{
    private readonly TempFolder _folder = new("ac-pg-kill-");

    [Fact]
    public async Task Queries_answer_from_whole_tables_during_a_refresh_and_one_killed_midway_leaves_them_whole_for_the_next_to_complete()
    {
        var events = SharedDatabase.WriteRecentDemoEvents(_folder.Path, 40_000);
        var earlier = (DateTime.UtcNow - TimeSpan.FromDays(2.5)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        await using var control = await OwnedDatabase.CreateAsync(server, TestContext.Current.CancellationToken);
        await using var shared = await OwnedDatabase.CreateAsync(server, TestContext.Current.CancellationToken);
        foreach (var database in new[] { control, shared })
        {
            Assert.Equal(0, Analytics.Run(_folder.Path, "ingest", events, "--db", database.Url()).ExitCode);
            Assert.Equal(0, Analytics.Run(_folder.Path, "refresh", "--as-of", earlier, "--db", database.Url()).ExitCode);
        }

        var before = await shared.TablesFingerprintAsync();
        Assert.Equal(0, Analytics.Run(_folder.Path, "refresh", "--db", control.Url()).ExitCode);
        var after = await control.TablesFingerprintAsync();
        Assert.All(after, workspace => Assert.DoesNotContain(workspace, before));

        using (var refresh = Analytics.Start(_folder.Path, null, "refresh", "--db", shared.Url()))
        {
            // Readers meanwhile see each workspace's tables as they were or as refreshed, never anything between.
            var seen = new List<IReadOnlyList<string>>();
            while (await WritingSessionsAsync(shared) is false)
            {
                Assert.False(refresh.HasExited, "the refresh finished before it could be caught writing");
                seen.Add(await shared.TablesFingerprintAsync());
            }

            refresh.Kill(entireProcessTree: true);
            await refresh.WaitForExitAsync(TestContext.Current.CancellationToken);
            seen.Add(await shared.TablesFingerprintAsync());
            Assert.All(seen.SelectMany(tables => tables), workspace => Assert.True(before.Contains(workspace) || after.Contains(workspace), workspace));
        }

        // Killed midway: a workspace it had not committed still has its previous tables.
        await Waiting.UntilAsync(async () => !await WritingSessionsAsync(shared), () => "the killed refresh's transaction did not end");
        var left = await shared.TablesFingerprintAsync();
        Assert.All(left, workspace => Assert.True(before.Contains(workspace) || after.Contains(workspace), workspace));
        Assert.Contains(left, before.Contains);

        Assert.Equal(0, Analytics.Run(_folder.Path, "refresh", "--db", shared.Url()).ExitCode);
        Assert.Equal(after, await shared.TablesFingerprintAsync());
    }

    /// <summary>Whether a refresh holds a transaction that has written to the sessions table (it keeps that lock until it ends).</summary>
    private static async Task<bool> WritingSessionsAsync(OwnedDatabase database) =>
        (await database.RowsAsync(
            "SELECT 1 FROM pg_locks WHERE relation = 'analytics.sessions'::regclass AND mode = 'RowExclusiveLock' AND pid <> pg_backend_pid()"))
        .Count > 0;

    public void Dispose() => _folder.Dispose();
}
