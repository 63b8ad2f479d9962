using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Web.Tests;

/// <summary>The endpoints the web tab adds: saved queries, the data dictionary, the overview's days, a report's readable SQL.</summary>
public sealed class WebTabEndpointTests : IAsyncLifetime
{
    private readonly TestStore _store = new();
    private TestApi _api = null!;
    private string _acmeKey = "";
    private string _globexKey = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var acme = new EventLines("acme");
        var other = new EventLines("acme", phone: "14155552671");
        // 02:00 UTC on the 20th is still the 19th in New York (UTC-5).
        await _store.IngestAsync(
            acme.Inbound("02:00:00", "early"), acme.AgentClosed("02:10:00"),
            acme.Inbound("10:00:00", "later"), acme.AgentClosed("10:30:00"),
            other.DeploymentCreated("11:00:00", "dep-1"), other.Status("11:00:05", "dep-1", "delivered"),
            other.DeploymentCreated("11:30:00", "dep-2"), other.Status("11:30:05", "dep-2", "failed", 131026, "Message undeliverable"),
            new EventLines("globex", phone: "593991234567").Inbound("10:00:00", "globex"));
        await _store.RefreshAsync("18:00:00");
        _api = await TestApi.StartAsync(_store);
        (_acmeKey, _globexKey) = (await _api.KeyAsync("acme"), await _api.KeyAsync("globex"));
    }

    private HttpClient Client(string key) => _api.Client(key);

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    [Fact]
    public async Task A_saved_query_is_listed_replaced_by_name_and_deleted_within_its_workspace()
    {
        var acme = Client(_acmeKey);
        var created = await acme.PostAsJsonAsync("/api/v1/saved-queries", new { name = "by type", sql = "SELECT session_type FROM sessions" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await Json(created)).GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/saved-queries/{id}", created.Headers.Location?.OriginalString);

        var again = await Json(await acme.PostAsJsonAsync("/api/v1/saved-queries", new { name = "by type", sql = "SELECT 2" }, Ct));
        Assert.Equal(id, again.GetProperty("id").GetString());
        var listed = (await Json(await acme.GetAsync("/api/v1/saved-queries", Ct))).EnumerateArray().ToList();
        Assert.Equal("SELECT 2", Assert.Single(listed).GetProperty("sql").GetString());
        Assert.Equal(0, (await Json(await Client(_globexKey).GetAsync("/api/v1/saved-queries", Ct))).GetArrayLength());

        Assert.Equal(HttpStatusCode.NotFound, (await Client(_globexKey).DeleteAsync($"/api/v1/saved-queries/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await acme.DeleteAsync($"/api/v1/saved-queries/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await acme.DeleteAsync($"/api/v1/saved-queries/{id}", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("{\"name\": \"\", \"sql\": \"SELECT 1\"}", "name of 1 to 100")]
    [InlineData("{\"name\": \"n\"}", "SQL of 1 to")]
    [InlineData("{\"sql\": \"SELECT 1\"}", "name of 1 to 100")]
    public async Task A_query_without_a_name_or_sql_is_not_saved_and_says_why(string body, string words)
    {
        var response = await Client(_acmeKey).PostAsync("/api/v1/saved-queries", new StringContent(body, MediaTypeHeaderValue.Parse("application/json")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(words, (await Json(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await _store.Store.ListSavedQueriesAsync(WorkspaceId.Parse("acme"), Ct));
    }

    [Fact]
    public async Task The_dictionary_describes_every_column_of_both_tables_in_order()
    {
        var dictionary = await Json(await Client(_acmeKey).GetAsync("/api/v1/dictionary", Ct));
        foreach (var table in dictionary.GetProperty("tables").EnumerateArray())
        {
            var name = table.GetProperty("name").GetString();
            var response = await Client(_acmeKey).PostAsJsonAsync("/api/v1/query", new { sql = $"SELECT * FROM {name} LIMIT 1" }, Ct);
            var actual = (await Json(response)).EnumerateArray().First().EnumerateObject().Select(c => c.Name);
            var columns = table.GetProperty("columns").EnumerateArray().ToList();
            Assert.Equal(actual, columns.Select(c => c.GetProperty("name").GetString()));
            Assert.All(columns, c => Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("meaning").GetString())));
        }
    }

    [Fact]
    public async Task The_overview_buckets_days_in_the_chosen_time_zone()
    {
        var utc = await Json(await Client(_acmeKey).GetAsync("/api/v1/overview", Ct));
        var day = Assert.Single(utc.EnumerateArray());
        Assert.Equal("2026-11-20", day.GetProperty("day").GetString());
        Assert.Equal(3, day.GetProperty("sessions").GetInt64());
        Assert.Equal(2, day.GetProperty("deployments").GetInt64());
        Assert.Equal(1, day.GetProperty("delivered").GetInt64());

        var newYork = (await Json(await Client(_acmeKey).GetAsync("/api/v1/overview?tz=America/New_York", Ct))).EnumerateArray().ToList();
        Assert.Equal(["2026-11-19", "2026-11-20"], newYork.Select(d => d.GetProperty("day").GetString()));
        Assert.Equal(1, newYork[0].GetProperty("sessions").GetInt64());
        Assert.Equal(600, newYork[0].GetProperty("finished_duration_s").GetDouble());
    }

    [Theory]
    [InlineData("/api/v1/overview?from=yesterday", "from")]
    [InlineData("/api/v1/overview?tz=Mars/Olympus", "Mars/Olympus")]
    public async Task A_bad_overview_filter_is_explained(string url, string named)
    {
        var response = await Client(_acmeKey).GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, (await Json(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failure-reasons", "")]
    [InlineData("delivery-rate", "?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z&tz=America/New_York&by=day&delivery_status=Failed")]
    [InlineData("retention", "?tz=Europe/Madrid&session_type=INBOUND&conversation_version=3")]
    [InlineData("countries", "?country=%2B1&line=5215550001111")]
    public async Task A_reports_sql_with_its_filters_written_in_runs_as_a_query_to_the_same_rows(string name, string filters)
    {
        var client = Client(_acmeKey);
        var report = await client.GetStringAsync($"/api/v1/reports/{name}{filters}", Ct);
        var sql = (await Json(await client.GetAsync($"/api/v1/reports/{name}/sql{filters}", Ct))).GetProperty("sql").GetString()!;

        Assert.DoesNotContain("$", sql, StringComparison.Ordinal);
        var query = await client.PostAsJsonAsync("/api/v1/query", new { sql }, Ct);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal(report, await query.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_text_filter_is_written_in_as_a_quoted_literal_never_as_sql()
    {
        var sql = (await Json(await Client(_acmeKey).GetAsync("/api/v1/reports/countries/sql?country=x'%20OR%201=1%20--", Ct))).GetProperty("sql").GetString()!;
        Assert.Contains("user_country_code = 'x'' OR 1=1 --'", sql, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Client(_acmeKey).PostAsJsonAsync("/api/v1/query", new { sql }, Ct)).StatusCode);
    }

    public ValueTask DisposeAsync() => _api.DisposeAsync();
}
