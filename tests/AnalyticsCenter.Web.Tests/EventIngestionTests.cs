using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace AnalyticsCenter.Web.Tests;

/// <summary><c>POST /api/v1/events</c> with workspace keys, against the real host and a real store.</summary>
public sealed class EventIngestionTests : IAsyncDisposable
{
    private readonly TestStore _store = new();
    private readonly EventLines _acme = new("acme");
    private WebApplication? _app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> Client(KeyScope scope, WebHostSettings? settings = null)
    {
        if (_app is null)
        {
            _app = AnalyticsWebApp.Create(_store.Store, settings ?? new WebHostSettings { MaxEventsPerRequest = 5, MaxIngestBytes = 4096 },
                b => b.WebHost.UseTestServer(), _store.Time);
            await _app.StartAsync(Ct);
        }

        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", (await _store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "test", scope)).Key);
        return client;
    }

    private static StringContent Ndjson(params string[] lines) =>
        new(string.Join('\n', lines) + "\n", Encoding.UTF8, "application/x-ndjson");

    [Fact]
    public async Task An_ingest_key_stores_its_workspaces_events_and_is_told_every_rejection_by_line()
    {
        var client = await Client(KeyScope.Ingest);
        var response = await client.PostAsync("/api/v1/events", Ndjson(
            _acme.Inbound("12:00:00", "hola"),
            new EventLines("globex").Inbound("12:01:00", "not mine"),
            "{broken",
            _acme.Inbound("12:02:00", "otra vez")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal((2L, 0L, 2L),
            (answer.GetProperty("accepted").GetInt64(), answer.GetProperty("duplicates").GetInt64(), answer.GetProperty("rejected").GetInt64()));
        var rejections = answer.GetProperty("rejections").EnumerateArray()
            .Select(r => (r.GetProperty("line").GetInt64(), r.GetProperty("reason").GetString()!)).ToList();
        Assert.Equal(2, rejections[0].Item1);
        Assert.Contains("not this key's workspace", rejections[0].Item2, StringComparison.Ordinal);
        Assert.Equal(3, rejections[1].Item1);
        Assert.StartsWith("invalid JSON", rejections[1].Item2, StringComparison.Ordinal);

        await _store.RefreshAsync("12:30:00");
        Assert.Equal(["hola"], (await _store.RowsAsync("SELECT first_message FROM sessions")).Select(r => r["first_message"]));
        Assert.Empty(await _store.RowsAsync("SELECT * FROM sessions", "globex"));
    }

    [Fact]
    public async Task A_json_array_body_is_accepted_and_a_resend_counts_as_duplicates()
    {
        var client = await Client(KeyScope.Ingest);
        var events = $"[{_acme.Inbound("12:00:00")},{_acme.Node("12:01:00", "n_menu")}]";
        var first = await client.PostAsync("/api/v1/events", new StringContent(events, Encoding.UTF8, "application/json"), Ct);
        var again = await client.PostAsync("/api/v1/events", new StringContent(events, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(2, (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accepted").GetInt64());
        Assert.Equal(2, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("duplicates").GetInt64());
    }

    [Fact]
    public async Task Poison_lines_among_good_ones_reject_only_themselves_and_the_answer_says_why()
    {
        var client = await Client(KeyScope.Ingest);
        byte[] body =
        [
            .. Encoding.UTF8.GetBytes(_acme.Inbound("12:00:00", "hola", id: "g1") + "\n"),
            .. Encoding.UTF8.GetBytes(_acme.Inbound("12:00:30", "X", id: "p1").Replace("\"X\"", "\"cut \\ud83d\"", StringComparison.Ordinal) + "\n"),
            .. Encoding.UTF8.GetBytes(_acme.Node("12:01:00", "n_menu", id: "g2") + "\n"),
            .. "{\"event_id\":\"p2\",\"node_id\":\"n"u8, 0xFF, .. "\"}\n"u8,
        ];

        var response = await client.PostAsync("/api/v1/events", new ByteArrayContent(body) { Headers = { ContentType = new("application/x-ndjson") } }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((2L, 2L), (answer.GetProperty("accepted").GetInt64(), answer.GetProperty("rejected").GetInt64()));
        var rejections = answer.GetProperty("rejections").EnumerateArray()
            .Select(r => (r.GetProperty("line").GetInt64(), r.GetProperty("reason").GetString()!)).ToList();
        Assert.Equal(2, rejections[0].Item1);
        Assert.StartsWith("message.text is not valid Unicode", rejections[0].Item2, StringComparison.Ordinal);
        Assert.Equal(4, rejections[1].Item1);
        Assert.StartsWith("invalid JSON: the line is not valid UTF-8", rejections[1].Item2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_array_with_poison_elements_stores_the_good_ones_and_keeps_each_element_as_sent()
    {
        var client = await Client(KeyScope.Ingest);
        byte[] body =
        [
            .. Encoding.UTF8.GetBytes("[" + _acme.Inbound("12:00:00", "line\u2028separator kept", id: "g1") + ",\n"),
            .. Encoding.UTF8.GetBytes(_acme.Inbound("12:00:30", "X", id: "p1").Replace("\"X\"", "\"\\udc00\"", StringComparison.Ordinal) + ","),
            .. "{\"event_id\":\"p2\",\"node_id\":\"n"u8, 0xFF, .. "\"},"u8,
            .. Encoding.UTF8.GetBytes(_acme.Node("12:01:00", "n_menu", id: "g2") + "]"),
        ];

        var response = await client.PostAsync("/api/v1/events", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((2L, 2L), (answer.GetProperty("accepted").GetInt64(), answer.GetProperty("rejected").GetInt64()));
        var raw = (await _store.Store.ReadRejectionsAsync(null, TestStore.ReadAll, Ct)).Select(r => (string)r["raw"]!).ToList();
        Assert.Contains(raw, r => r.EndsWith("\"node_id\":\"n\uFFFD\"}", StringComparison.Ordinal));
        Assert.Contains(raw, r => r.Contains("\"text\":\"\\udc00\"", StringComparison.Ordinal));
        await _store.RefreshAsync("12:30:00");
        Assert.Equal(["line\u2028separator kept"], (await _store.RowsAsync("SELECT first_message FROM sessions")).Select(r => r["first_message"]));
    }

    [Fact]
    public async Task Only_ingest_or_admin_keys_may_send_and_ingest_keys_may_not_read()
    {
        Assert.Equal(HttpStatusCode.Forbidden,
            (await (await Client(KeyScope.Read)).PostAsync("/api/v1/events", Ndjson(_acme.Inbound("12:00:00")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await Client(KeyScope.Admin)).PostAsync("/api/v1/events", Ndjson(_acme.Inbound("12:00:00")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Client(KeyScope.Ingest)).GetAsync("/api/v1/status", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_body_too_large_or_with_too_many_events_gets_413_in_words()
    {
        var client = await Client(KeyScope.Ingest);
        var tooMany = await client.PostAsync("/api/v1/events", Ndjson(Enumerable.Range(0, 6).Select(i => _acme.Inbound($"12:0{i}:00")).ToArray()), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        Assert.Contains("at most 5 events",
            (await tooMany.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var tooBig = await client.PostAsync("/api/v1/events", Ndjson(_acme.Inbound("12:00:00", new string('x', 5000))), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Empty(await _store.RowsAsync("SELECT * FROM sessions"));
    }

    [Fact]
    public async Task An_admin_key_refreshes_on_demand_and_others_may_not()
    {
        var ingest = await Client(KeyScope.Ingest);
        await ingest.PostAsync("/api/v1/events", Ndjson(_acme.Inbound("12:00:00", "hola")), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingest.PostAsync("/api/v1/refresh", null, Ct)).StatusCode);

        var refreshed = await (await Client(KeyScope.Admin)).PostAsync("/api/v1/refresh", null, Ct);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var answer = await refreshed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(_store.Time.Now.UtcDateTime, answer.GetProperty("as_of").GetDateTime().ToUniversalTime());
        Assert.Equal("hola", Assert.Single(await _store.RowsAsync("SELECT first_message FROM sessions"))["first_message"]);
    }

    [Fact]
    public async Task Health_and_readiness_answer_without_a_key()
    {
        var client = await Client(KeyScope.Read);
        client.DefaultRequestHeaders.Authorization = null;
        Assert.Equal("ok", await client.GetStringAsync("/healthz", Ct));
        Assert.Equal("ready", await client.GetStringAsync("/readyz", Ct));
    }

    [Fact]
    public async Task When_the_writer_queue_is_full_a_request_gets_429_with_retry_after()
    {
        var client = await Client(KeyScope.Ingest, new WebHostSettings { IngestQueueLength = 0 });
        var response = await client.PostAsync("/api/v1/events", Ndjson(_acme.Inbound("12:00:00")), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _store.Dispose();
    }
}
