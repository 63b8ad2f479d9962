using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>
/// A refresh of one workspace (what its own key may ask for) touches that workspace alone: the others keep their rows,
/// their events and their as-of time, and their own next refresh gives what it would have given without it.
/// </summary>
public abstract class WorkspaceRefreshTests(IStoreFactory stores) : StoreTests(stores)
{
    private readonly EventLines _acme = new("acme");
    private readonly EventLines _globex = new("globex", phone: "593991234567");

    private Task<Core.Storage.RefreshReport> RefreshOnlyAsync(string workspace, DateTime asOfUtc) =>
        Db.Store.RefreshAsync(WorkspaceId.Parse(workspace), asOfUtc, TestContext.Current.CancellationToken);

    private async Task<long> CountAsync(string table, string workspace) =>
        Convert.ToInt64(
            Assert.Single(await Db.RowsAsync($"SELECT count(*) AS n FROM {table}", workspace))["n"], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<DateTime?> AsOfAsync(string workspace) => Assert.Single(await Db.Store.GetStatusAsync(WorkspaceId.Parse(workspace))).AsOfUtc;

    [Fact]
    public async Task Refreshing_one_workspace_leaves_the_others_rows_and_as_of_time_as_they_were()
    {
        await Db.IngestAsync(_acme.Inbound("10:00:00"), _globex.Inbound("10:00:00"));
        await Db.RefreshAsync("11:00:00");
        await Db.IngestAsync(_acme.Inbound("12:00:00", id: "a2"), _globex.Inbound("12:00:00", id: "g2"));

        var report = await RefreshOnlyAsync("acme", EventLines.Utc("13:00:00"));

        Assert.Equal("acme", Assert.Single(report.Workspaces).Workspace);
        Assert.Equal(2, await CountAsync("sessions", "acme"));
        Assert.Equal(1, await CountAsync("sessions", "globex"));
        Assert.Equal(EventLines.Utc("11:00:00"), await AsOfAsync("globex"));
        Assert.Equal(EventLines.Utc("13:00:00"), await AsOfAsync("acme"));
    }

    [Fact]
    public async Task Retention_of_one_workspaces_refresh_purges_nothing_of_another()
    {
        await Db.IngestAsync(_acme.Inbound("10:00:00"), _globex.Inbound("10:00:00"), _globex.Inbound("10:05:00", id: "g2"));
        await Db.RefreshAsync("11:00:00");

        var report = await RefreshOnlyAsync("acme", EventLines.Utc("11:00:00").AddDays(31));

        Assert.Equal(1, Assert.Single(report.Workspaces).EventsPurged);
        Assert.Equal(1, await CountAsync("sessions", "globex"));

        // Its own refresh then applies its retention.
        Assert.Equal(2, Assert.Single((await RefreshOnlyAsync("globex", EventLines.Utc("11:00:00").AddDays(31))).Workspaces).EventsPurged);
        Assert.Equal(0, await CountAsync("sessions", "globex"));
    }

    [Fact]
    public async Task A_workspace_refreshed_alone_then_with_all_gets_the_rows_a_store_refreshed_only_with_all_gets()
    {
        string[] first = [_acme.Inbound("10:00:00"), _globex.Inbound("10:00:00"), _globex.DeploymentCreated("10:30:00", "dep-1")];
        string[] second = [_acme.Inbound("12:00:00", id: "a2"), _globex.Status("12:01:00", "dep-1", "delivered"), _globex.Inbound("12:02:00", id: "g2")];
        await Db.IngestAsync(first);
        await Db.RefreshAsync("11:00:00");
        await Db.IngestAsync(second);
        await RefreshOnlyAsync("acme", EventLines.Utc("13:00:00"));
        await Db.RefreshAsync("15:00:00");

        await using var other = await Stores.CreateAsync();
        await other.IngestAsync([.. first, .. second]);
        await other.RefreshAsync("15:00:00");
        foreach (var workspace in new[] { "acme", "globex" })
        {
            foreach (var (table, key) in new[] { ("sessions", "session_id"), ("deployments", "deployment_id") })
            {
                var sql = $"SELECT * FROM {table} ORDER BY {key}";
                Assert.Equal(await other.RowsAsync(sql, workspace), await Db.RowsAsync(sql, workspace));
            }
        }
    }
}
