using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// <c>/api/v1/alerts</c> through the real host: an admin adds an alert on a report, lists it with its state, reads its
/// history and removes it; mistakes are refused in words; a read key and another workspace see nothing.
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
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.Client(await _api.KeyAsync("acme")).GetAsync("/api/v1/alerts", Ct)).StatusCode);
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

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();
}
