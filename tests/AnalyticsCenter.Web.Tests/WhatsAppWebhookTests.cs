using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AnalyticsCenter.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// <c>/webhooks/whatsapp</c> against the real host and a real store, with Meta's documented payloads signed as Meta
/// signs them: what each delivery becomes in the sessions and deployments tables after a refresh.
/// </summary>
public sealed class WhatsAppWebhookTests : IAsyncLifetime
{
    private const string VerifyToken = "verify-me-7f3a";
    private readonly TestStore _store = new();
    private readonly ConcurrentQueue<string> _logged = new();
    private WebApplication? _app;

    public async ValueTask InitializeAsync()
    {
        await _store.Store.SaveLineAsync(WhatsAppPayloads.AcmeLine, Ct);
        await _store.Store.SaveLineAsync(WhatsAppPayloads.GlobexLine, Ct);
        foreach (var code in WhatsAppPayloads.AcmeLine.LinkCodes)
        {
            await _store.Store.SaveLinkCodeAsync(WhatsAppPayloads.AcmeLine.PhoneNumberId, code, Ct);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> Client(bool configured = true)
    {
        _app = AnalyticsWebApp.Create(_store.Store, new WebHostSettings { RefreshEvery = null }, b =>
        {
            b.WebHost.UseTestServer();
            if (configured)
            {
                b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["ANALYTICS_WHATSAPP_APP_SECRET"] = WhatsAppPayloads.AppSecret,
                    ["ANALYTICS_WHATSAPP_VERIFY_TOKEN"] = VerifyToken,
                });
            }

            b.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new CapturingLoggerProvider(_logged));
        }, _store.Time);
        await _app.StartAsync(Ct);
        return _app.GetTestClient();
    }

    private static HttpRequestMessage Delivery(byte[] body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        return request;
    }

    /// <summary>Posts a payload signed with the app secret, as Meta does; returns the answer.</summary>
    private static async Task<JsonElement> Deliver(HttpClient client, string payload)
    {
        var body = WhatsAppPayloads.Read(payload);
        var response = await client.SendAsync(Delivery(body, WhatsAppPayloads.Signature(body)), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static (long Accepted, long Duplicates, long StatusesWaiting, long Rejected) Counts(JsonElement answer) => (
        answer.GetProperty("accepted").GetInt64(), answer.GetProperty("duplicates").GetInt64(),
        answer.GetProperty("statuses_waiting").GetInt64(), answer.GetProperty("rejected").GetInt64());

    [Fact]
    public async Task The_handshake_echoes_the_challenge_when_the_verify_token_matches()
    {
        var client = await Client();

        var response = await client.GetAsync($"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=1158201444", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1158201444", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_handshake_with_a_wrong_token_is_forbidden_and_echoes_nothing()
    {
        var client = await Client();

        var response = await client.GetAsync("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("1158201444", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("wrong-secret")]
    public async Task A_delivery_with_a_missing_or_wrong_signature_gets_401_and_nothing_is_stored(string? signature)
    {
        var client = await Client();
        var body = WhatsAppPayloads.Read("batched");
        var header = signature == "wrong-secret" ? WhatsAppPayloads.Signature(body, "wrong-secret") : signature;

        var response = await client.SendAsync(Delivery(body, header), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _store.Store.GetStatusAsync(cancellationToken: Ct));
        Assert.Empty(await _store.Store.ReadRejectionsAsync(null, TestStore.ReadAll, Ct));
    }

    [Fact]
    public async Task A_body_changed_after_signing_gets_401()
    {
        var client = await Client();
        var body = WhatsAppPayloads.Read("text");
        var signature = WhatsAppPayloads.Signature(body);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("another color", "a discount", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Delivery(tampered, signature), Ct)).StatusCode);
        Assert.Empty(await _store.Store.GetStatusAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task A_text_message_starts_an_inbound_session_on_the_configured_line_and_default_flow()
    {
        var client = await Client();

        Assert.Equal((1L, 0L, 0L, 0L), Counts(await Deliver(client, "text")));
        await _store.RefreshAsync("14:30:00");

        var session = Assert.Single(await _store.RowsAsync(
            "SELECT session_type, first_message, conversation_id, conversation_version, line_whatsapp_number, line_whatsapp_display_name, " +
            "user_country_code, user_cellphone, session_started_timestamp FROM sessions"));
        Assert.Equal(("INBOUND", "Does it come in another color?"), (session["session_type"], session["first_message"]));
        Assert.Equal(("conv_welcome", 3), (session["conversation_id"], session["conversation_version"]));
        Assert.Equal(("15550783881", "Acme Support"), (session["line_whatsapp_number"], session["line_whatsapp_display_name"]));
        Assert.Equal(("+1", "6505551234"), (session["user_country_code"], session["user_cellphone"]));
        Assert.Equal(EventLines.Utc("14:03:11"), session["session_started_timestamp"]);
    }

    [Fact]
    public async Task An_image_starts_a_session_whose_first_message_has_no_text()
    {
        var client = await Client();

        await Deliver(client, "image");
        await _store.RefreshAsync("14:30:00");

        var session = Assert.Single(await _store.RowsAsync("SELECT first_message, first_message_timestamp FROM sessions"));
        Assert.Equal((null, EventLines.Utc("14:03:11")), (session["first_message"], session["first_message_timestamp"]));
    }

    [Fact]
    public async Task A_click_to_whatsapp_video_ad_fills_the_meta_source_columns()
    {
        var client = await Client();

        await Deliver(client, "referral-video");
        await _store.RefreshAsync("14:30:00");

        var session = Assert.Single(await _store.RowsAsync(
            "SELECT meta_source_url, meta_source_type, meta_source_id, meta_source_headline, meta_source_body, " +
            "meta_source_media_type, meta_source_media_url, meta_source_thumbnail_url FROM sessions"));
        Assert.Equal(
            ["https://fb.me/3cr4Wqqkv", "Ad", "120226305854810726", "Chat with us", "Black Friday: 50% off every color", "Video",
             "https://video.xx.fbcdn.net/v/t42.1790-2/bf26_ad.mp4", "https://scontent.xx.fbcdn.net/v/t45.1600-4/bf26_thumb.jpg"],
            session.Values);
    }

    [Fact]
    public async Task A_message_carrying_a_configured_link_code_is_attributed_to_its_whatsapp_link_campaign()
    {
        var client = await Client();

        await Deliver(client, "text-from-whatsapp-link");
        await _store.RefreshAsync("14:30:00");

        var session = Assert.Single(await _store.RowsAsync("SELECT whatsapp_link_campaign_name, whatsapp_link_campaign_source FROM sessions"));
        Assert.Equal(("bf-2026", "instagram"), (session["whatsapp_link_campaign_name"], session["whatsapp_link_campaign_source"]));
    }

    [Fact]
    public async Task Statuses_that_arrive_before_their_deployments_apply_once_the_deployments_naming_their_messages_are_known()
    {
        var client = await Client();
        foreach (var payload in new[] { "status-delivered", "status-read", "status-failed-131026", "status-failed-131049" })
        {
            Assert.Equal((0L, 0L, 1L, 0L), Counts(await Deliver(client, payload)));
        }

        await _store.RefreshAsync("13:30:00");
        Assert.Empty(await _store.RowsAsync("SELECT * FROM deployments"));

        await _store.IngestAsync(
            new EventLines("acme", "15550783881", "16505551234").DeploymentCreated("13:00:00", "dep-77", campaign: "Black Friday",
                messageId: WhatsAppPayloads.DeliveredMessageId),
            new EventLines("acme", "15550783881", "573001234567").DeploymentCreated("13:00:00", "dep-78", messageId: WhatsAppPayloads.Failed131026MessageId),
            new EventLines("acme", "15550783881", "573009876543").DeploymentCreated("13:00:00", "dep-79", messageId: WhatsAppPayloads.Failed131049MessageId));
        await _store.RefreshAsync("13:40:00");

        var rows = await _store.RowsAsync(
            "SELECT deployment_id, delivery_status, status_detail, deployment_delivered_timestamp, " +
            "session_id IS NOT NULL AS has_session FROM deployments ORDER BY deployment_id");
        Assert.Equal(
            [
                ("dep-77", "Delivered", null, (object?)EventLines.Utc("13:00:04"), true),
                ("dep-78", "Failed", "131026: Message undeliverable", null, false),
                ("dep-79", "Failed", "131049: This message was not delivered to maintain healthy ecosystem engagement.", null, false),
            ],
            rows.Select(r => ((string)r["deployment_id"]!, (string)r["delivery_status"]!, (string?)r["status_detail"],
                r["deployment_delivered_timestamp"], (bool)r["has_session"]!)));
    }

    [Fact]
    public async Task A_batched_delivery_stores_every_entry_and_change_in_its_lines_workspace_and_a_retry_is_all_duplicates()
    {
        var client = await Client();
        await _store.IngestAsync(new EventLines("acme", "15550783881", "16505551234")
            .DeploymentCreated("13:00:00", "dep-77", messageId: WhatsAppPayloads.DeliveredMessageId));

        Assert.Equal((3L, 0L, 2L, 0L), Counts(await Deliver(client, "batched")));
        Assert.Equal((0L, 3L, 2L, 0L), Counts(await Deliver(client, "batched")));
        await _store.RefreshAsync("15:30:00");

        Assert.Equal(["location", "text"], (await _store.RowsAsync(
            "SELECT CASE WHEN first_message IS NULL THEN 'location' ELSE 'text' END AS kind FROM sessions WHERE session_type = 'INBOUND' ORDER BY 1"))
            .Select(r => r["kind"]));
        var globex = Assert.Single(await _store.RowsAsync("SELECT line_whatsapp_number, line_whatsapp_display_name, conversation_id FROM sessions", "globex"));
        Assert.Equal(("5215550001111", "Globex Ventas", null),
            (globex["line_whatsapp_number"], globex["line_whatsapp_display_name"], globex["conversation_id"]));
        Assert.Equal("Delivered", Assert.Single(await _store.RowsAsync("SELECT delivery_status FROM deployments"))["delivery_status"]);
    }

    [Fact]
    public async Task A_delivery_for_an_unconfigured_number_is_answered_200_and_kept_as_a_rejection()
    {
        var client = await Client();
        var body = Encoding.UTF8.GetBytes(
            Encoding.UTF8.GetString(WhatsAppPayloads.Read("text")).Replace("106540352242922", "999000111222333", StringComparison.Ordinal));

        var response = await client.SendAsync(Delivery(body, WhatsAppPayloads.Signature(body)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((0L, 0L, 0L, 1L), Counts(answer));
        var kept = Assert.Single(await _store.Store.ReadRejectionsAsync(null, TestStore.ReadAll, Ct));
        Assert.StartsWith("metadata.phone_number_id \"999000111222333\"", (string)kept["reason"]!, StringComparison.Ordinal);
        Assert.Contains("Does it come in another color?", (string)kept["raw"]!, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> BadMessages => new()
    {
        { "a text cut inside an emoji", Encoding.UTF8.GetBytes("\"hola \\ud83d\""), "messages[] is not valid Unicode" },
        { "a low half alone", Encoding.UTF8.GetBytes("\"\\udc00\""), "messages[] is not valid Unicode" },
        { "a byte that is not UTF-8", [(byte)'"', (byte)'h', 0xFF, (byte)'"'], "messages[] is not valid UTF-8" },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task A_signed_delivery_with_one_bad_message_among_good_ones_answers_200_stores_the_good_ones_and_keeps_the_bad_one(
        string what, byte[] badText, string category)
    {
        var client = await Client();
        var body = ThreeMessages(badText);

        var response = await client.SendAsync(Delivery(body, WhatsAppPayloads.Signature(body)), Ct);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {response.StatusCode}");
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((2L, 0L, 0L, 1L), Counts(answer));
        var kept = Assert.Single(await _store.Store.ReadRejectionsAsync(null, TestStore.ReadAll, Ct));
        Assert.StartsWith(category, (string)kept["reason"]!, StringComparison.Ordinal);
        Assert.Contains("wamid.BAD", (string)kept["raw"]!, StringComparison.Ordinal);
        await _store.RefreshAsync("2026-11-20T15:00:00Z");
        Assert.Equal(["good one"], (await _store.RowsAsync("SELECT first_message FROM sessions")).Select(r => r["first_message"]));
    }

    [Fact]
    public async Task A_delivery_with_a_bad_message_and_a_wrong_signature_still_gets_401_and_nothing_is_stored()
    {
        var client = await Client();
        var body = ThreeMessages(Encoding.UTF8.GetBytes("\"\\ud800\""));

        var response = await client.SendAsync(Delivery(body, WhatsAppPayloads.Signature(body, "another-secret")), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _store.Store.ReadRejectionsAsync(null, TestStore.ReadAll, Ct));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_kept_whole_even_past_a_nul_byte()
    {
        var client = await Client();
        byte[] body = [.. "{\"object\":\"whatsapp_business_account\",\"x\":\""u8, 0x00, .. "after the NUL"u8];

        var response = await client.SendAsync(Delivery(body, WhatsAppPayloads.Signature(body)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var kept = Assert.Single(await _store.Store.ReadRejectionsAsync(null, TestStore.ReadAll, Ct));
        Assert.Equal(Encoding.UTF8.GetString(body), kept["raw"]);
    }

    /// <summary>Acme's delivery of three messages from one user: good, one whose text is <paramref name="badText"/> (JSON), good.</summary>
    private static byte[] ThreeMessages(byte[] badText)
    {
        static byte[] Message(string id, string second, byte[] text) =>
            [.. Encoding.UTF8.GetBytes($"{{\"from\":\"16505551234\",\"id\":\"{id}\",\"timestamp\":\"17951833{second}\",\"type\":\"text\",\"text\":{{\"body\":"),
                .. text, .. "}}"u8];

        return
        [
            .. Encoding.UTF8.GetBytes("{\"object\":\"whatsapp_business_account\"," +
                "\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"field\":\"messages\",\"value\":{" +
                "\"messaging_product\":\"whatsapp\"," +
                "\"metadata\":{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"106540352242922\"},\"messages\":["),
            .. Message("wamid.GOOD1", "91", "\"good one\""u8.ToArray()), (byte)',',
            .. Message("wamid.BAD", "92", badText), (byte)',',
            .. Message("wamid.GOOD2", "93", "\"good two\""u8.ToArray()),
            .. "]}}]}]}"u8,
        ];
    }

    [Fact]
    public async Task Without_a_configured_secret_and_token_both_endpoints_answer_503_and_store_nothing()
    {
        var client = await Client(configured: false);
        var body = WhatsAppPayloads.Read("text");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.SendAsync(Delivery(body, WhatsAppPayloads.Signature(body)), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable,
            (await client.GetAsync("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1", Ct)).StatusCode);
        Assert.Empty(await _store.Store.GetStatusAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task Neither_the_app_secret_nor_the_verify_token_is_ever_logged()
    {
        var client = await Client();
        await client.GetAsync($"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=42", Ct);
        await Deliver(client, "text");
        await client.SendAsync(Delivery(WhatsAppPayloads.Read("text"), "sha256=00"), Ct);
        await _app!.StopAsync(Ct);

        Assert.NotEmpty(_logged);
        Assert.DoesNotContain(_logged, line => line.Contains(VerifyToken, StringComparison.Ordinal)
            || line.Contains(WhatsAppPayloads.AppSecret, StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _store.Dispose();
    }

    /// <summary>Keeps every formatted log line, to check what never appears in them.</summary>
    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)}");
        }
    }
}
