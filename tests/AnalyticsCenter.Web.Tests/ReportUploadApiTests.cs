using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// The reports over the API with and without the workspace's uploads: the listing and each run say which upload would add
/// columns, the templates the web tab offers are the shapes the reports read, and ad spend in two currencies is refused.
/// </summary>
public sealed class ReportUploadApiTests : IAsyncLifetime
{
    private const string Ad = "120210000000000001";
    private const string NotesHeader = "Analytics-Report-Note";
    private readonly TestStore _store = new();
    private TestApi _api = null!;
    private HttpClient _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var acme = new EventLines("acme", phone: "573001234567");
        await _store.IngestAsync(acme.Inbound("10:00:00", "hi", referral: new JsonObject { ["source_type"] = "ad", ["source_id"] = Ad }));
        await _store.RefreshAsync("18:00:00");
        _api = await TestApi.StartAsync(_store);
        _admin = _api.Client(await _api.KeyAsync("acme", KeyScope.Admin));
    }

    [Fact]
    public async Task Without_uploads_a_report_runs_as_before_and_says_which_upload_would_add_columns()
    {
        var run = await _admin.GetAsync("/api/v1/reports/meta-attribution", Ct);
        var listed = await ListedAsync("meta-attribution");

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.DoesNotContain("spend", await run.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains(
            run.Headers.GetValues(NotesHeader), n => n.StartsWith("Uploading ad_spend (date, meta_source_id, spend, currency)", StringComparison.Ordinal));
        Assert.Equal(run.Headers.GetValues(NotesHeader), listed.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task Each_template_is_a_shape_its_reports_read()
    {
        foreach (var name in new[] { "ad_spend", "conversions", "audience_tags" })
        {
            var template = await _admin.GetStringAsync($"/api/v1/tables/templates/{name}.csv", Ct);
            Assert.Equal(HttpStatusCode.Created, (await _admin.PutAsync($"/api/v1/tables/{name}", Csv(template), Ct)).StatusCode);
        }

        foreach (var report in new[] { "meta-attribution", "countries", "conversions" })
        {
            var listed = await ListedAsync(report);
            Assert.Empty(listed.GetProperty("notes").EnumerateArray());
            Assert.Contains(report == "countries" ? "audience_tags" : "conversions", listed.GetProperty("sql").GetString(), StringComparison.Ordinal);
        }

        using var rows = JsonDocument.Parse(await _admin.GetStringAsync("/api/v1/reports/meta-attribution", Ct));
        Assert.Equal(Ad, rows.RootElement[0].GetProperty("meta_source_id").GetString());
        Assert.Equal("USD", rows.RootElement[0].GetProperty("currency").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/v1/reports/countries?group_by=tag", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/v1/reports/conversions?window_days=30", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_report_with_uploads_opens_in_the_sql_editor_as_sql_giving_the_same_rows()
    {
        await _admin.PutAsync("/api/v1/tables/conversions", Csv("phone,occurred_at,value\n+57 300 1234567,2026-11-20T10:30:00Z,9.5\n"), Ct);

        using var readable = JsonDocument.Parse(await _admin.GetStringAsync("/api/v1/reports/conversions/sql?window_days=2", Ct));
        var viaEditor = await _admin.PostAsJsonAsync("/api/v1/query", new { sql = readable.RootElement.GetProperty("sql").GetString(), format = "json" }, Ct);

        var rows = await _admin.GetStringAsync("/api/v1/reports/conversions?window_days=2", Ct);
        Assert.Contains("\"conversion_value\":9.5", rows, StringComparison.Ordinal);
        Assert.Equal(rows, await viaEditor.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Meta_attribution_by_week_opens_in_the_sql_editor_giving_the_same_rows_and_an_unknown_grain_is_refused()
    {
        await _admin.PutAsync("/api/v1/tables/ad_spend", Csv($"date,meta_source_id,spend,currency\n2026-11-20,{Ad},3,USD\n"), Ct);

        foreach (var query in new[] { "", "?grain=week" })
        {
            using var readable = JsonDocument.Parse(await _admin.GetStringAsync($"/api/v1/reports/meta-attribution/sql{query}", Ct));
            var sql = readable.RootElement.GetProperty("sql").GetString();
            var viaEditor = await _admin.PostAsJsonAsync("/api/v1/query", new { sql, format = "json" }, Ct);
            Assert.Equal(await _admin.GetStringAsync($"/api/v1/reports/meta-attribution{query}", Ct), await viaEditor.Content.ReadAsStringAsync(Ct));
        }

        var refused = await _admin.GetAsync("/api/v1/reports/meta-attribution?grain=month", Ct);
        Assert.Contains("2026-11-16", await _admin.GetStringAsync("/api/v1/reports/meta-attribution?grain=week", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("grain is one of total, day, week", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ad_spend_in_two_currencies_is_refused_naming_them()
    {
        await _admin.PutAsync("/api/v1/tables/ad_spend", Csv($"date,meta_source_id,spend,currency\n2026-11-20,{Ad},1,USD\n2026-11-20,{Ad},1,COP\n"), Ct);

        var refused = await _admin.GetAsync("/api/v1/reports/meta-attribution", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("(COP, USD)", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        _admin.Dispose();
        return _api.DisposeAsync();
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("text/csv"));

    private async Task<JsonElement> ListedAsync(string report)
    {
        using var reports = JsonDocument.Parse(await _admin.GetStringAsync("/api/v1/reports", Ct));
        return reports.RootElement.EnumerateArray().Single(r => r.GetProperty("name").GetString() == report).Clone();
    }
}
