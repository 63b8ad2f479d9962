using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>
/// A refresh of one workspace (what its own key may ask for) touches that workspace alone: the others keep their rows,
/// their events and their as-of time, and their own next refresh gives what it would have given without it.
/// </summary>
public sealed class WorkspaceRefreshTests : IDisposable
{
    private readonly TestStore _store = new();
    private readonly EventLines _acme = new("acme");
    private readonly EventLines _globex = new("globex", phone: "593991234567");

    [Fact]
    public void Refreshing_one_workspace_leaves_the_others_rows_and_as_of_time_as_they_were()
    {
        _store.Ingest(_acme.Inbound("10:00:00"), _globex.Inbound("10:00:00"));
        _store.Refresh("11:00:00");
        _store.Ingest(_acme.Inbound("12:00:00", id: "a2"), _globex.Inbound("12:00:00", id: "g2"));

        var report = RefreshOnly("acme", EventLines.Utc("13:00:00"));

        Assert.Equal("acme", Assert.Single(report.Workspaces).Workspace);
        Assert.Equal(2, Count("sessions", "acme"));
        Assert.Equal(1, Count("sessions", "globex"));
        Assert.Equal(EventLines.Utc("11:00:00"), AsOf("globex"));
        Assert.Equal(EventLines.Utc("13:00:00"), AsOf("acme"));
    }

    [Fact]
    public void Retention_of_one_workspaces_refresh_purges_nothing_of_another()
    {
        _store.Ingest(_acme.Inbound("10:00:00"), _globex.Inbound("10:00:00"), _globex.Inbound("10:05:00", id: "g2"));
        _store.Refresh("11:00:00");

        var report = RefreshOnly("acme", EventLines.Utc("11:00:00").AddDays(31));

        Assert.Equal(1, Assert.Single(report.Workspaces).EventsPurged);
        Assert.Equal(1, Count("sessions", "globex"));

        // Its own refresh then applies its retention.
        Assert.Equal(2, Assert.Single(RefreshOnly("globex", EventLines.Utc("11:00:00").AddDays(31)).Workspaces).EventsPurged);
        Assert.Equal(0, Count("sessions", "globex"));
    }

    [Fact]
    public void A_workspace_refreshed_alone_then_with_all_gets_the_rows_a_store_refreshed_only_with_all_gets()
    {
        string[] first = [_acme.Inbound("10:00:00"), _globex.Inbound("10:00:00"), _globex.DeploymentCreated("10:30:00", "dep-1")];
        string[] second = [_acme.Inbound("12:00:00", id: "a2"), _globex.Status("12:01:00", "dep-1", "delivered"), _globex.Inbound("12:02:00", id: "g2")];
        _store.Ingest(first);
        _store.Refresh("11:00:00");
        _store.Ingest(second);
        RefreshOnly("acme", EventLines.Utc("13:00:00"));
        _store.Refresh("15:00:00");

        using var other = new TestStore();
        other.Ingest([.. first, .. second]);
        other.Refresh("15:00:00");
        foreach (var workspace in new[] { "acme", "globex" })
        {
            foreach (var table in new[] { "sessions", "deployments" })
            {
                var sql = $"SELECT * FROM {table} ORDER BY ALL";
                Assert.Equal(other.Rows(sql, workspace), _store.Rows(sql, workspace));
            }
        }
    }

    private Core.Storage.RefreshReport RefreshOnly(string workspace, DateTime asOfUtc) =>
        _store.Store.Refresh(WorkspaceId.Parse(workspace), asOfUtc, TestContext.Current.CancellationToken);

    private long Count(string table, string workspace) =>
        Convert.ToInt64(Assert.Single(_store.Rows($"SELECT count(*) AS n FROM {table}", workspace))["n"], System.Globalization.CultureInfo.InvariantCulture);

    private DateTime? AsOf(string workspace) => Assert.Single(_store.Store.GetStatus(WorkspaceId.Parse(workspace))).AsOfUtc;

    public void Dispose() => _store.Dispose();
}
