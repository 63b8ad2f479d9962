using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// <c>/api/v1/alerts</c> through the real host: an admin adds an alert on a report, lists it with its state, reads its
/// history and removes it; mistakes are refused in words; a read key sees them and changes nothing; another workspace sees nothing.
/// </summary>
public sealed class AlertApiTests : IAsyncLifetime
{
    private TestApi _api = null!;
    private string _admin = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var store = new TestStore();
        await store.IngestAsync(new EventLines().Inbound("10:00:00"));
        _api = await TestApi.StartAsync(store);
        _admin = await _api.KeyAsync("acme", KeyScope.Admin);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    [Fact]
    public async Task An_admin_adds_an_alert_lists_it_unchecked_and_removes_it_while_others_see_nothing()
    {
        var admin = _api.Client(_admin);

        var created = await admin.PostAsJsonAsync("/api/v1/alerts", new
        {
            name = "low rate",
            report = "delivery-rate",
            @operator = "below",
            threshold = 0.9,
            channel = "webhook",
            target = "http://127.0.0.1:9/hook",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var alert = await Json(created);
        var id = alert.GetProperty("id").GetString()!;
        Assert.Equal(64, alert.GetProperty("secret").GetString()!.Length);

        var listed = Assert.Single((await Json(await admin.GetAsync("/api/v1/alerts", Ct))).EnumerateArray());
        Assert.Equal(("ok", "below", 0.9, JsonValueKind.Null), (listed.GetProperty("state").GetString(), listed.GetProperty("operator").GetString(),
            listed.GetProperty("threshold").GetDouble(), listed.GetProperty("secret").ValueKind));
        Assert.Empty((await Json(await admin.GetAsync($"/api/v1/alerts/history?id={id}", Ct))).EnumerateArray());

        var globex = _api.Client(await _api.KeyAsync("globex", KeyScope.Admin));
        Assert.Empty((await Json(await globex.GetAsync("/api/v1/alerts", Ct))).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await globex.DeleteAsync($"/api/v1/alerts/{id}", Ct)).StatusCode);
        // A read key (an analyst's reach) sees the alerts but neither removes nor adds one.
        var reader = _api.Client(await _api.KeyAsync("acme"));
        Assert.Equal(id, Assert.Single((await Json(await reader.GetAsync("/api/v1/alerts", Ct))).EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.DeleteAsync($"/api/v1/alerts/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/v1/alerts", new { name = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/alerts/{id}", Ct)).StatusCode);
        Assert.Empty((await Json(await admin.GetAsync("/api/v1/alerts", Ct))).EnumerateArray());
    }

    [Theory]
    [InlineData("sometimes", "delivery-rate", "http://127.0.0.1:9/hook", "an operator (below|above|no_rows)")]
    [InlineData("above", "no-such-report", "http://127.0.0.1:9/hook", "is not a report")]
    [InlineData("above", "delivery-rate", "ftp://example.com", "is not an http(s) URL")]
    public async Task A_mistaken_alert_is_refused_in_words(string op, string report, string target, string says)
    {
        var refused = await _api.Client(_admin).PostAsJsonAsync("/api/v1/alerts", new
        {
            name = "x",
            report,
            @operator = op,
            threshold = 1,
            channel = "webhook",
            target,
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(says, (await Json(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_alert_watches_the_numeric_column_it_names_and_one_the_report_lacks_is_refused_naming_those_it_has()
    {
        var admin = _api.Client(_admin);
        var columns = await Json(await admin.GetAsync("/api/v1/alerts/metrics?report=delivery-rate", Ct));
        object Body(string metric) => new
        {
            name = "low rate",
            report = "delivery-rate",
            metric,
            @operator = "below",
            threshold = 0.9,
            channel = "webhook",
            target = "http://127.0.0.1:9/hook",
        };

        var added = await admin.PostAsJsonAsync("/api/v1/alerts", Body("delivery_rate"), Ct);
        var refused = await admin.PostAsJsonAsync("/api/v1/alerts", Body("rate"), Ct);

        Assert.Equal(["deployments", "delivered", "failed", "in_process", "delivery_rate"], columns.EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var listed = Assert.Single((await Json(await admin.GetAsync("/api/v1/alerts", Ct))).EnumerateArray());
        Assert.Equal("delivery_rate", listed.GetProperty("metric").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("\"rate\" is not a numeric column of Delivery success rate: choose one of deployments, delivered, failed, in_process, delivery_rate",
            (await Json(refused)).GetProperty("detail").GetString());
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();
}
