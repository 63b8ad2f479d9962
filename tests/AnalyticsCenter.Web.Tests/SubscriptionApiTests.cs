using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Subscriptions;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Delivery;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// <c>/api/v1/subscriptions</c> through the real host: an admin subscribes a report to a loopback webhook, runs it now and
/// reads its history; mistakes are refused in words; a read key and another workspace see nothing.
/// </summary>
public sealed class SubscriptionApiTests : IAsyncLifetime
{
    private TestApi _api = null!;
    private string _admin = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var store = new TestStore();
        await store.IngestAsync(new EventLines().Inbound("10:00:00"), new EventLines(workspace: "globex").Inbound("10:00:00"));
        await store.RefreshAsync("12:00:00");
        _api = await TestApi.StartAsync(store);
        _admin = await _api.KeyAsync("acme", KeyScope.Admin);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    [Fact]
    public async Task An_admin_subscribes_a_report_runs_it_now_and_reads_its_history()
    {
        await using var receiver = new LoopbackWebhookReceiver([]);
        var admin = _api.Client(_admin);

        var created = await admin.PostAsJsonAsync("/api/v1/subscriptions", new
        {
            name = "rates",
            report = "delivery-rate",
            parameters = new { by = "week" },
            schedule = "weekly mon 08:00",
            channel = "webhook",
            target = receiver.Url,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var subscription = await Json(created);
        var (id, secret) = (subscription.GetProperty("id").GetString()!, subscription.GetProperty("secret").GetString()!);
        Assert.Equal("week", subscription.GetProperty("parameters").GetProperty("by").GetString());

        var listed = Assert.Single((await Json(await admin.GetAsync("/api/v1/subscriptions", Ct))).EnumerateArray());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("secret").ValueKind);
        Assert.Equal(DayOfWeek.Monday, listed.GetProperty("next_slot").GetDateTimeOffset().UtcDateTime.DayOfWeek);

        var delivery = await Json(await admin.PostAsync($"/api/v1/subscriptions/{id}/run-now", null, Ct));
        Assert.Equal("delivered", delivery.GetProperty("status").GetString());
        var request = Assert.Single(receiver.Received);
        Assert.True(WebhookSigner.Verify(secret, request.Headers[WebhookSigner.Header], request.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));

        var history = Assert.Single((await Json(await admin.GetAsync($"/api/v1/subscriptions/{id}/deliveries", Ct))).EnumerateArray());
        Assert.Equal(delivery.GetProperty("idempotency_key").GetString(), history.GetProperty("idempotency_key").GetString());
        Assert.Single((await Json(await admin.GetAsync("/api/v1/subscriptions/deliveries", Ct))).EnumerateArray());

        var globex = _api.Client(await _api.KeyAsync("globex", KeyScope.Admin));
        Assert.Empty((await Json(await globex.GetAsync("/api/v1/subscriptions", Ct))).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await globex.DeleteAsync($"/api/v1/subscriptions/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.Client(await _api.KeyAsync("acme")).GetAsync("/api/v1/subscriptions", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/subscriptions/{id}", Ct)).StatusCode);
        Assert.Empty((await Json(await admin.GetAsync("/api/v1/subscriptions", Ct))).EnumerateArray());
    }

    [Theory]
    [InlineData("""{"name": "n", "report": "delivery-rate", "schedule": "every morning", "channel": "email", "target": "a@example.com"}""", "daily 08:00")]
    [InlineData("""{"name": "n", "report": "no-such", "schedule": "daily 08:00", "channel": "email", "target": "a@example.com"}""", "is not a report")]
    [InlineData("""{"name": "n", "saved_query_id": "0000000000000000", "schedule": "daily 08:00", "channel": "email", "target": "a@example.com"}""",
        "no saved query")]
    [InlineData(
        """{"name": "n", "report": "delivery-rate", "parameters": {"by": "year"}, "schedule": "daily 08:00", "channel": "email", "target": "a@example.com"}""",
        "day, week")]
    [InlineData("""{"name": "n", "report": "delivery-rate", "schedule": "daily 08:00", "channel": "webhook", "target": "ftp://x"}""", "http(s) URL")]
    [InlineData("""{"name": "n", "report": "delivery-rate", "schedule": "daily 08:00", "channel": "pigeon", "target": "x"}""", "email or webhook")]
    public async Task A_mistake_is_refused_in_words_and_nothing_is_kept(string body, string words)
    {
        var response = await _api.Client(_admin).PostAsync("/api/v1/subscriptions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(words, (await Json(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await _api.Store.Store.ListSubscriptionsAsync(null, Ct));
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();
}
