using System.Text;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.WhatsApp;

namespace AnalyticsCenter.Core.Tests.WhatsApp;

/// <summary>Meta's documented webhook bodies become contract events that the event parser accepts as they are.</summary>
public sealed class WhatsAppWebhookMapperTests
{
    private static readonly WhatsAppLine s_acme = new()
    {
        PhoneNumberId = "106540352242922",
        Workspace = WorkspaceId.Parse("acme"),
        Number = "15550783881",
        DisplayName = "Acme Support",
        DefaultConversation = new ConversationRef("conv_welcome", 3),
        LinkCodes = [new WhatsAppLinkCode("[BF26]", "bf-2026", "facebook"), new WhatsAppLinkCode("[BF26-IG]", "bf-2026", "instagram")],
    };

    private static readonly WhatsAppLine s_globex = new()
    {
        PhoneNumberId = "112233445566778",
        Workspace = WorkspaceId.Parse("globex"),
        Number = "5215550001111",
        DisplayName = "Globex Ventas",
    };

    private static readonly WhatsAppWebhookMapper s_mapper = new([s_acme, s_globex]);

    private static WhatsAppMapping Map(string payload) =>
        s_mapper.Map(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", "WhatsApp", payload + ".json")));

    private static WhatsAppMapping MapText(string body) => s_mapper.Map(Encoding.UTF8.GetBytes(body));

    private static PlatformEvent SingleEvent(WhatsAppMapping mapping)
    {
        Assert.Empty(mapping.Rejections);
        var lines = Assert.Single(mapping.Events).Lines;
        return Parsing.Accepted(Assert.Single(lines));
    }

    [Fact]
    public void A_text_message_becomes_message_inbound_on_the_configured_line_and_default_flow()
    {
        var e = SingleEvent(Map("text"));

        Assert.Equal(EventType.MessageInbound, e.Type);
        Assert.Equal("wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", e.EventId);
        Assert.Equal("wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", e.MessageId);
        Assert.Equal(new DateTime(2026, 11, 20, 14, 3, 11, DateTimeKind.Utc), e.OccurredAt);
        Assert.Equal("acme", e.WorkspaceId);
        Assert.Equal(("15550783881", "Acme Support"), (e.LineNumber, e.LineDisplayName));
        Assert.Equal(("+1", "6505551234"), (e.User!.CountryCode, e.User.Cellphone));
        Assert.Equal(("text", "Does it come in another color?"), (e.MessageKind, e.MessageText));
        Assert.Equal(("conv_welcome", 3), (e.ConversationId, e.ConversationVersion));
        Assert.Null(e.ReferralSourceUrl);
        Assert.Null(e.LinkCampaignName);
    }

    [Fact]
    public void An_image_becomes_an_image_message_without_text()
    {
        var e = SingleEvent(Map("image"));

        Assert.Equal(("image", null), (e.MessageKind, e.MessageText));
    }

    [Fact]
    public void A_click_to_whatsapp_referral_with_a_video_is_kept_as_whatsapp_sends_it()
    {
        var mapping = Map("referral-video");
        var e = SingleEvent(mapping);

        Assert.Equal(("https://fb.me/3cr4Wqqkv", "Ad", "120226305854810726"), (e.ReferralSourceUrl, e.ReferralSourceType, e.ReferralSourceId));
        Assert.Equal(("Chat with us", "Black Friday: 50% off every color"), (e.ReferralHeadline, e.ReferralBody));
        Assert.Equal(("Video", "https://video.xx.fbcdn.net/v/t42.1790-2/bf26_ad.mp4"), (e.ReferralMediaType, e.ReferralMediaUrl));
        Assert.Equal("https://scontent.xx.fbcdn.net/v/t45.1600-4/bf26_thumb.jpg", e.ReferralThumbnailUrl);
        Assert.Contains("\"ctwa_clid\":\"Aff-n8ZTODiE79d22", mapping.Events[0].Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_carrying_a_configured_link_code_is_attributed_to_that_campaign_the_longest_code_winning()
    {
        var e = SingleEvent(Map("text-from-whatsapp-link"));

        Assert.Equal(("bf-2026", "instagram"), (e.LinkCampaignName, e.LinkCampaignSource));
    }

    [Theory]
    [InlineData("status-delivered", "delivered", 13, 0, 4)]
    [InlineData("status-read", "read", 13, 2, 30)]
    public void A_delivery_or_read_status_waits_for_its_deployment_by_message_id(string payload, string status, int hour, int minute, int second)
    {
        var mapping = Map(payload);

        Assert.Empty(mapping.Events);
        Assert.Empty(mapping.Rejections);
        var s = Assert.Single(mapping.Statuses);
        Assert.Equal(("acme", "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIyQjc3REVQTE9ZTUVOVDc3AA==", status), (s.Workspace.Value, s.MessageId, s.Status));
        Assert.Equal(s.MessageId + ":" + status, s.EventId);
        Assert.Equal(new DateTime(2026, 11, 20, hour, minute, second, DateTimeKind.Utc), s.OccurredAt);
        Assert.Null(s.ErrorCode);
    }

    [Theory]
    [InlineData("status-failed-131026", "131026", "Message undeliverable", "Message Undeliverable.")]
    [InlineData("status-failed-131049", "131049", "This message was not delivered to maintain healthy ecosystem engagement.",
        "In order to maintain a healthy ecosystem engagement, the message failed to be delivered.")]
    public void A_failed_status_becomes_a_deployment_status_with_the_error_code_title_and_details(string payload, string code, string title, string details)
    {
        var s = Assert.Single(Map(payload).Statuses);

        var e = Parsing.Accepted(s.ToEventLine("dep-78"));
        Assert.Equal((EventType.DeploymentStatus, "dep-78", DeliveryReport.Failed), (e.Type, e.DeploymentId, e.Status));
        Assert.Equal((code, title, details), (e.ErrorCode, e.ErrorTitle, e.ErrorDetail));
        Assert.Equal(s.EventId, e.EventId);
        Assert.Contains("\"code\":" + code + ",", s.ToEventLine("dep-78"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_batched_delivery_maps_every_entry_and_change_to_the_workspace_of_its_line()
    {
        var mapping = Map("batched");

        Assert.Empty(mapping.Rejections);
        var acme = mapping.Events.Single(e => e.Workspace.Value == "acme").Lines.Select(Parsing.Accepted).ToList();
        Assert.Equal([("text", "Hi, is the store open today?"), ("location", null)], acme.Select(e => (e.MessageKind, e.MessageText)));
        var globex = Parsing.Accepted(Assert.Single(mapping.Events.Single(e => e.Workspace.Value == "globex").Lines));
        Assert.Equal(("globex", "5215550001111", "Globex Ventas", "sticker"),
            (globex.WorkspaceId, globex.LineNumber, globex.LineDisplayName, globex.MessageKind));
        Assert.Null(globex.ConversationId);
        Assert.Equal(["delivered", "failed"], mapping.Statuses.Select(s => s.Status));
        Assert.Equal(3, mapping.EventCount);
    }

    [Fact]
    public void Mapping_the_same_delivery_twice_gives_the_same_event_ids_so_retries_are_duplicates()
    {
        var first = Map("batched");
        var again = Map("batched");

        Assert.Equal(first.Events.SelectMany(e => e.Lines), again.Events.SelectMany(e => e.Lines));
        Assert.Equal(first.Statuses.Select(s => s.EventId), again.Statuses.Select(s => s.EventId));
    }

    [Fact]
    public void Every_message_type_becomes_message_inbound_and_types_outside_the_contract_are_unknown()
    {
        var types = new[] { "audio", "video", "sticker", "document", "location", "contacts", "interactive",
            "button", "reaction", "order", "system", "unsupported" };
        var messages = string.Join(',', types.Select((t, i) => $$"""{"from":"16505551234","id":"wamid.T{{i}}","timestamp":"1795183391","type":"{{t}}"}"""));
        var mapping = MapText(Delivery("106540352242922", $"\"messages\":[{messages}]"));

        Assert.Empty(mapping.Rejections);
        var kinds = mapping.Events.Single().Lines.Select(l => Parsing.Accepted(l).MessageKind);
        Assert.Equal(["audio", "video", "sticker", "document", "location", "contacts", "interactive",
            "button", "reaction", "unknown", "unknown", "unknown"], kinds);
    }

    [Fact]
    public void A_delivery_for_a_number_that_is_not_configured_is_kept_as_a_rejection_naming_it()
    {
        var body = Delivery("999999999999999",
            """ "messages":[{"from":"16505551234","id":"wamid.A","timestamp":"1795183391","type":"text","text":{"body":"hi"}}]""");
        var mapping = MapText(body);

        Assert.Empty(mapping.Events);
        var rejection = Assert.Single(mapping.Rejections);
        Assert.Null(rejection.Workspace);
        Assert.Equal("phone_number_id is not a configured line", rejection.Rejection.Category);
        Assert.Contains("\"999999999999999\"", rejection.Rejection.Reason, StringComparison.Ordinal);
        Assert.Contains("wamid.A", rejection.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_item_is_rejected_alone_and_its_neighbours_still_map()
    {
        var body = Delivery("106540352242922", """
            "messages":[{"from":"16505551234","timestamp":"1795183391","type":"text"},
                        {"from":"16505551234","id":"wamid.OK","timestamp":"1795183391","type":"text","text":{"body":"hi"}},
                        {"from":"16505551234","id":"wamid.T","timestamp":"yesterday","type":"text"}],
            "statuses":[{"id":"wamid.S","status":"played","timestamp":"1795183391"}]
            """);
        var mapping = MapText(body);

        Assert.Equal("wamid.OK", Parsing.Accepted(Assert.Single(mapping.Events.Single().Lines)).EventId);
        Assert.Equal(
            ["messages[].id is missing", "messages[].timestamp \"yesterday\" is not Unix seconds",
                "statuses[].status \"played\" is not sent, delivered, read or failed"],
            mapping.Rejections.Select(r => r.Rejection.Reason));
        Assert.All(mapping.Rejections, r => Assert.Equal("acme", r.Workspace?.Value));
    }

    [Theory]
    [InlineData("{not json", "invalid JSON")]
    [InlineData("[]", "the body is not a JSON object")]
    [InlineData("""{"object":"page","entry":[]}""", "object is not whatsapp_business_account")]
    [InlineData("""{"object":"whatsapp_business_account"}""", "entry is missing or not an array")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"id":"1"}]}""", "entry[].changes is missing or not an array")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"account_update","value":{}}]}]}""", "field is not messages")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{}}}]}]}""",
        "value.metadata.phone_number_id is missing")]
    public void A_body_that_is_not_a_messages_webhook_is_kept_whole_as_a_rejection(string body, string category)
    {
        var mapping = MapText(body);

        Assert.Empty(mapping.Events);
        Assert.Empty(mapping.Statuses);
        Assert.Equal(category, Assert.Single(mapping.Rejections).Rejection.Category);
    }

    [Fact]
    public void A_change_with_only_errors_is_rejected_with_whatsapps_error()
    {
        var mapping = MapText(Delivery("106540352242922", """ "errors":[{"code":130429,"title":"Rate limit hit","message":"Rate limit hit"}]"""));

        var rejection = Assert.Single(mapping.Rejections);
        Assert.Equal("value has no messages or statuses: WhatsApp reported error 130429 Rate limit hit", rejection.Rejection.Reason);
        Assert.Equal("acme", rejection.Workspace?.Value);
    }

    public static TheoryData<string, string> BadMessages => new()
    {
        { "a text cut inside an emoji", """{"from":"16505551234","id":"wamid.BAD","timestamp":"1795183391","type":"text","text":{"body":"hola \ud83d"}}""" },
        { "a low half alone in the sender", """{"from":"1650555\udc00","id":"wamid.BAD","timestamp":"1795183391","type":"text","text":{"body":"hi"}}""" },
        { "a lone surrogate in the id", """{"from":"16505551234","id":"wamid.\ud800","timestamp":"1795183391","type":"text"}""" },
        { "a lone surrogate in the timestamp", """{"from":"16505551234","id":"wamid.BAD","timestamp":"17951\ud800","type":"text"}""" },
        { "a lone surrogate in the type", """{"from":"16505551234","id":"wamid.BAD","timestamp":"1795183391","type":"te\udfffxt"}""" },
        { "a lone surrogate in a referral", """{"from":"16505551234","id":"wamid.BAD","timestamp":"1795183391","type":"text","text":""" +
            """{"body":"hi"},"referral":{"headline":"\ud83d","source_type":"ad"}}""" },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public void A_message_holding_text_that_is_not_valid_unicode_is_rejected_alone_and_its_neighbours_still_map(string what, string bad)
    {
        var good = """{"from":"16505551234","id":"wamid.OK{0}","timestamp":"1795183391","type":"text","text":{"body":"hi 😀"}}""";
        var mapping = MapText(Delivery("106540352242922",
            $"\"messages\":[{good.Replace("{0}", "1", StringComparison.Ordinal)},{bad},{good.Replace("{0}", "2", StringComparison.Ordinal)}]"));

        Assert.Equal(["wamid.OK1", "wamid.OK2"], mapping.Events.Single().Lines.Select(line => Parsing.Accepted(line).EventId));
        var rejection = Assert.Single(mapping.Rejections);
        Assert.Equal("messages[] is not valid Unicode", rejection.Rejection.Category);
        Assert.StartsWith("messages[] is not valid Unicode: it holds half of a surrogate pair", rejection.Rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(bad, rejection.Raw);
        Assert.True(rejection.Workspace?.Value == "acme", what);
    }

    [Fact]
    public void A_message_with_bytes_that_are_not_utf8_is_rejected_alone_its_raw_text_kept_with_replacement_characters()
    {
        var body = Encoding.UTF8.GetBytes(Delivery("106540352242922", """
            "messages":[{"from":"16505551234","id":"wamid.BAD","timestamp":"1795183391","type":"text","text":{"body":"h~"}},
                        {"from":"16505551234","id":"wamid.OK","timestamp":"1795183391","type":"text","text":{"body":"hi"}}]
            """));
        var bad = body.AsSpan().IndexOf("h~"u8) + 1;
        body[bad] = 0xFF;
        var byteInMessage = bad - body.AsSpan().IndexOf("{\"from\""u8) + 1;

        var mapping = s_mapper.Map(body);

        Assert.Equal("wamid.OK", Parsing.Accepted(mapping.Events.Single().Lines.Single()).EventId);
        var rejection = Assert.Single(mapping.Rejections);
        Assert.Equal("messages[] is not valid UTF-8", rejection.Rejection.Category);
        Assert.Equal(
            $"messages[] is not valid UTF-8 (byte {byteInMessage} is 0xFF); its raw text is kept with U+FFFD (�) in place of what is not",
            rejection.Rejection.Reason);
        Assert.Contains("\"body\":\"h\uFFFD\"", rejection.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_holding_text_that_is_not_valid_unicode_is_rejected_alone()
    {
        var mapping = MapText(Delivery("106540352242922", """
            "statuses":[{"id":"wamid.\ud800","status":"read","timestamp":"1795183391"},{"id":"wamid.S","status":"read","timestamp":"1795183391"}]
            """));

        Assert.Equal("wamid.S", Assert.Single(mapping.Statuses).MessageId);
        Assert.Equal("statuses[] is not valid Unicode", Assert.Single(mapping.Rejections).Rejection.Category);
    }

    [Theory]
    [InlineData("""{"object":"whatsapp_business_account\ud800","entry":[]}""", "the body is not valid Unicode")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages\udc00","value":{}}]}]}""", "changes[] is not valid Unicode")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"\ud83d"}}}]}]}""",
        "changes[] is not valid Unicode")]
    public void An_envelope_holding_text_that_is_not_valid_unicode_is_kept_as_a_rejection_of_that_part(string body, string category)
    {
        var mapping = MapText(body);

        Assert.Empty(mapping.Events);
        var rejection = Assert.Single(mapping.Rejections);
        Assert.Equal(category, rejection.Rejection.Category);
        Assert.Null(rejection.Workspace);
    }

    private static string Delivery(string phoneNumberId, string valueFields) =>
        """{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","""
        + "\"metadata\":{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"" + phoneNumberId + "\"},"
        + valueFields + "}}]}]}";
}
