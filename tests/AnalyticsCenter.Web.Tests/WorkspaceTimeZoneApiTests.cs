using System.Text.Json;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Web.Tests;

/// <summary>A workspace's default time zone over HTTP: status names it, and days are bucketed in it when a caller names none.</summary>
public sealed class WorkspaceTimeZoneApiTests : IAsyncLifetime
{
    private readonly TestStore _store = new();
    private TestApi _api = null!;
    private string _acmeKey = "";
    private string _globexKey = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Madrid is UTC+1 in November: 10:00 UTC on the 20th is the 20th there, 23:30 UTC is 00:30 on the 21st.
        var morning = new EventLines("acme");
        var lateNight = new EventLines("acme", phone: "14155552671");
        var globex = new EventLines("globex", phone: "593991234567");
        await _store.IngestAsync(
            morning.Inbound("10:00:00", "morning"), morning.AgentClosed("10:10:00"),
            lateNight.Inbound("23:30:00", "late"), lateNight.AgentClosed("23:50:00"),
            globex.Inbound("23:30:00", "late"), globex.AgentClosed("23:50:00"));
        await _store.RefreshAsync("2026-11-21T02:00:00Z");
        await _store.Store.SetTimeZoneAsync(WorkspaceId.Parse("acme"), WorkspaceTimeZone.TryParse("Europe/Madrid", out var madrid) ? madrid : default);
        _api = await TestApi.StartAsync(_store);
        (_acmeKey, _globexKey) = (await _api.KeyAsync("acme"), await _api.KeyAsync("globex"));
    }

    private async Task<JsonElement> Get(string key, string url)
    {
        using var client = _api.Client(key);
        return JsonDocument.Parse(await client.GetStringAsync(url, Ct)).RootElement;
    }

    private async Task<List<(string? Day, long Count)>> Days(string key, string url, string day, string count) =>
        [.. (await Get(key, url)).EnumerateArray().Select(row => (row.GetProperty(day).GetString(), row.GetProperty(count).GetInt64()))];

    [Fact]
    public async Task Status_names_each_workspaces_default_time_zone()
    {
        Assert.Equal("Europe/Madrid", (await Get(_acmeKey, "/api/v1/status")).GetProperty("time_zone").GetString());
        Assert.Equal("UTC", (await Get(_globexKey, "/api/v1/status")).GetProperty("time_zone").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?tz=")]
    public async Task Without_a_time_zone_the_overview_buckets_days_in_the_workspaces(string query)
    {
        Assert.Equal([("2026-11-20", 1), ("2026-11-21", 1)], await Days(_acmeKey, "/api/v1/overview" + query, "day", "sessions"));
        Assert.Equal([("2026-11-20", 1)], await Days(_globexKey, "/api/v1/overview" + query, "day", "sessions"));
    }

    [Fact]
    public async Task A_time_zone_the_caller_names_wins_over_the_workspaces() =>
        Assert.Equal([("2026-11-20", 2)], await Days(_acmeKey, "/api/v1/overview?tz=UTC", "day", "sessions"));

    [Theory]
    [InlineData("")]
    [InlineData("?tz=")]
    public async Task Without_a_time_zone_a_report_buckets_days_in_the_workspaces_and_its_sql_says_so(string query)
    {
        var trend = (await Get(_acmeKey, "/api/v1/reports/duration-trend" + query)).EnumerateArray().ToList();
        Assert.Equal(["2026-11-20", "2026-11-21"], trend.Select(row => row.GetProperty("period_start").GetString()));
        Assert.Equal([600.0, 1200.0], trend.Select(row => row.GetProperty("avg_duration_s").GetDouble()));

        var sql = (await Get(_acmeKey, "/api/v1/reports/duration-trend/sql" + query)).GetProperty("sql").GetString();
        Assert.Contains("'Europe/Madrid'", sql, StringComparison.Ordinal);

        Assert.Equal([("2026-11-20", 2)], await Days(_acmeKey, "/api/v1/reports/duration-trend?tz=UTC", "period_start", "finished_sessions"));
    }

    public ValueTask DisposeAsync() => _api.DisposeAsync();
}
