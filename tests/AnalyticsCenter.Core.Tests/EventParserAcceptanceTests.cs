using AnalyticsCenter.Core.Events;
using static AnalyticsCenter.Core.Tests.Parsing;

namespace AnalyticsCenter.Core.Tests;

public sealed class EventParserAcceptanceTests
{
    public static TheoryData<string, EventType> EveryType => new()
    {
        { "message.inbound", EventType.MessageInbound },
        { "message.outbound", EventType.MessageOutbound },
        { "node.reached", EventType.NodeReached },
        { "agent.assigned", EventType.AgentAssigned },
        { "rating.requested", EventType.RatingRequested },
        { "agent.closed", EventType.AgentClosed },
        { "flow.redirected", EventType.FlowRedirected },
        { "flow.overwritten", EventType.FlowOverwritten },
        { "deployment.created", EventType.DeploymentCreated },
        { "deployment.status", EventType.DeploymentStatus },
    };

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Every_type_of_the_contract_is_accepted_in_its_example_shape(string type, EventType expected)
    {
        var e = Accepted(EventJson.Of(type));

        Assert.Equal(expected, e.Type);
        Assert.Equal(type, e.Type.Name());
        Assert.Equal("acme", e.WorkspaceId);
    }

    [Fact]
    public void The_envelope_maps_to_the_event()
    {
        var e = Accepted(EventJson.Of("node.reached"));

        Assert.Equal("ev-1001", e.EventId);
        Assert.Equal(new DateTime(2026, 11, 20, 14, 3, 11, DateTimeKind.Utc), e.OccurredAt);
        Assert.Equal(DateTimeKind.Utc, e.OccurredAt.Kind);
        Assert.Equal("acme", e.WorkspaceId);
        Assert.Equal("5215550001111", e.LineNumber);
        Assert.Equal("Acme Support", e.LineDisplayName);
        Assert.Equal(new UserPhone("+57", "3001234567"), e.User);
        Assert.Equal("n_ask_email", e.NodeId);
    }

    [Fact]
    public void A_message_inbound_carries_its_message_conversation_referral_and_whatsapp_link()
    {
        var e = Accepted(EventJson.Of("message.inbound"));

        Assert.Equal("wamid.HBgM1", e.MessageId);
        Assert.Equal("text", e.MessageKind);
        Assert.Equal("Hola, quiero info", e.MessageText);
        Assert.Equal("conv_welcome", e.ConversationId);
        Assert.Equal(3, e.ConversationVersion);
        Assert.Equal("https://fb.me/abc", e.ReferralSourceUrl);
        Assert.Equal("Ad", e.ReferralSourceType);
        Assert.Equal("120208", e.ReferralSourceId);
        Assert.Equal("Black Friday", e.ReferralHeadline);
        Assert.Equal("50% off", e.ReferralBody);
        Assert.Equal("Image", e.ReferralMediaType);
        Assert.Equal("https://cdn.example/ad.jpg", e.ReferralMediaUrl);
        Assert.Equal("https://cdn.example/ad.thumb.jpg", e.ReferralThumbnailUrl);
        Assert.Equal("bf-2026", e.LinkCampaignName);
        Assert.Equal("instagram", e.LinkCampaignSource);
    }

    [Fact]
    public void A_message_inbound_needs_no_conversation_referral_or_whatsapp_link()
    {
        var e = Accepted(EventJson.Of("message.inbound").Without("conversation").Without("referral").Without("whatsapp_link"));

        Assert.Null(e.ConversationId);
        Assert.Null(e.ConversationVersion);
        Assert.Null(e.ReferralSourceType);
        Assert.Null(e.ReferralMediaUrl);
        Assert.Null(e.LinkCampaignName);
    }

    [Fact]
    public void A_video_referral_is_spelled_Video_and_takes_its_media_url_from_video_url()
    {
        var e = Accepted(EventJson.Of("message.inbound")
            .With("referral.media_type", "video")
            .Without("referral.image_url")
            .With("referral.video_url", "https://cdn.example/ad.mp4"));

        Assert.Equal("Video", e.ReferralMediaType);
        Assert.Equal("https://cdn.example/ad.mp4", e.ReferralMediaUrl);
    }

    [Theory]
    [InlineData("ad", "Ad")]
    [InlineData("post", "Post")]
    public void A_referral_source_type_is_capitalized(string sourceType, string expected)
    {
        var e = Accepted(EventJson.Of("message.inbound").With("referral.source_type", sourceType));

        Assert.Equal(expected, e.ReferralSourceType);
    }

    [Theory]
    [InlineData("image")]
    [InlineData("audio")]
    [InlineData("sticker")]
    [InlineData("unknown")]
    public void Message_text_is_kept_only_for_kind_text(string kind)
    {
        var e = Accepted(EventJson.Of("message.inbound").With("message.kind", kind));

        Assert.Equal(kind, e.MessageKind);
        Assert.Null(e.MessageText);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("image")]
    [InlineData("audio")]
    [InlineData("video")]
    [InlineData("sticker")]
    [InlineData("document")]
    [InlineData("location")]
    [InlineData("contacts")]
    [InlineData("interactive")]
    [InlineData("button")]
    [InlineData("reaction")]
    [InlineData("unknown")]
    public void Every_message_kind_of_the_contract_is_accepted(string kind)
    {
        var e = Accepted(EventJson.Of("message.inbound").With("message.kind", kind));

        Assert.Equal(kind, e.MessageKind);
    }

    [Theory]
    [InlineData("bot")]
    [InlineData("agent")]
    public void A_message_outbound_carries_its_sender(string sender)
    {
        var e = Accepted(EventJson.Of("message.outbound").With("sender", sender));

        Assert.Equal(sender, e.Sender);
        Assert.Equal("text", e.MessageKind);
    }

    [Fact]
    public void An_agent_assigned_carries_its_optional_agent_id()
    {
        Assert.Equal("agent-7", Accepted(EventJson.Of("agent.assigned")).AgentId);
        Assert.Null(Accepted(EventJson.Of("agent.assigned").Without("agent_id")).AgentId);
    }

    [Fact]
    public void A_flow_redirected_carries_the_conversation_it_redirects_to()
    {
        var e = Accepted(EventJson.Of("flow.redirected"));

        Assert.Equal("conv_sales", e.ConversationId);
        Assert.Equal(7, e.ConversationVersion);
    }

    [Fact]
    public void A_flow_redirected_ignores_a_top_level_conversation_after_its_target()
    {
        var e = Accepted(EventJson.Of("flow.redirected").WithJson("conversation", """{"id":"conv_welcome","version":3}"""));

        Assert.Equal("conv_sales", e.ConversationId);
        Assert.Equal(7, e.ConversationVersion);
    }

    [Fact]
    public void A_deployment_created_carries_its_id_conversation_campaign_and_message_id()
    {
        var e = Accepted(EventJson.Of("deployment.created"));

        Assert.Equal("dep-77", e.DeploymentId);
        Assert.Equal("conv_promo", e.ConversationId);
        Assert.Equal(2, e.ConversationVersion);
        Assert.Equal("Promo noviembre", e.CampaignName);
        Assert.Equal("wamid.TPL1", e.MessageId);
        Assert.Equal(new UserPhone("+52", "15512345678"), e.User);
    }

    [Fact]
    public void A_deployment_created_needs_no_campaign_or_message_id()
    {
        var e = Accepted(EventJson.Of("deployment.created").Without("campaign").Without("message_id"));

        Assert.Null(e.CampaignName);
        Assert.Null(e.MessageId);
    }

    [Fact]
    public void A_deployment_status_needs_no_line_or_user()
    {
        var e = Accepted(EventJson.Of("deployment.status"));

        Assert.Null(e.LineNumber);
        Assert.Null(e.LineDisplayName);
        Assert.Null(e.User);
        Assert.Equal("dep-77", e.DeploymentId);
        Assert.Equal(DeliveryReport.Failed, e.Status);
        Assert.Equal("Message undeliverable", e.ErrorTitle);
    }

    [Theory]
    [InlineData("131026", "131026")]
    [InlineData("\"FAILURE_BY_OPTOUT_CONTACT\"", "FAILURE_BY_OPTOUT_CONTACT")]
    [InlineData("\"INVALID_PHONE\"", "INVALID_PHONE")]
    public void A_deployment_status_error_code_may_be_a_number_or_a_string(string codeJson, string expected)
    {
        var e = Accepted(EventJson.Of("deployment.status").WithJson("error.code", codeJson).With("error.detail", "opted out"));

        Assert.Equal(expected, e.ErrorCode);
        Assert.Equal("opted out", e.ErrorDetail);
    }

    [Theory]
    [InlineData("sent", DeliveryReport.Sent)]
    [InlineData("delivered", DeliveryReport.Delivered)]
    [InlineData("read", DeliveryReport.Read)]
    [InlineData("failed", DeliveryReport.Failed)]
    public void Every_whatsapp_status_is_accepted(string status, DeliveryReport expected)
    {
        var e = Accepted(EventJson.Of("deployment.status").With("status", status).Without("error"));

        Assert.Equal(expected, e.Status);
    }

    [Fact]
    public void An_error_is_kept_only_with_a_failed_status()
    {
        var e = Accepted(EventJson.Of("deployment.status").With("status", "delivered"));

        Assert.Null(e.ErrorCode);
        Assert.Null(e.ErrorTitle);
    }

    [Fact]
    public void Fields_of_other_types_are_not_carried()
    {
        var e = Accepted(EventJson.Of("node.reached")
            .WithJson("message", """{"id":"wamid.X","kind":"text","text":"hi"}""")
            .With("deployment_id", "dep-1")
            .With("agent_id", "agent-1"));

        Assert.Equal("n_ask_email", e.NodeId);
        Assert.Null(e.MessageKind);
        Assert.Null(e.MessageText);
        Assert.Null(e.DeploymentId);
        Assert.Null(e.AgentId);
    }

    [Theory]
    [InlineData("2026-11-20T14:03:11Z", "2026-11-20T14:03:11.0000000Z")]
    [InlineData("2026-11-20T09:03:11-05:00", "2026-11-20T14:03:11.0000000Z")]
    [InlineData("2026-11-20T19:33:11+05:30", "2026-11-20T14:03:11.0000000Z")]
    [InlineData("2026-11-20T23:30:00-01:00", "2026-11-21T00:30:00.0000000Z")]
    [InlineData("2026-11-20T14:03:11.25Z", "2026-11-20T14:03:11.2500000Z")]
    [InlineData("2026-11-20T14:03:11.123456789Z", "2026-11-20T14:03:11.1234560Z")]
    public void Occurred_at_is_stored_as_utc_to_the_microsecond(string occurredAt, string expectedUtc)
    {
        var e = Accepted(EventJson.Of("message.inbound").With("occurred_at", occurredAt));

        Assert.Equal(DateTimeKind.Utc, e.OccurredAt.Kind);
        Assert.Equal(expectedUtc, e.OccurredAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("573001234567", "+57", "3001234567")]
    [InlineData("+57 300-123-4567", "+57", "3001234567")]
    [InlineData("+573001234567", "+57", "3001234567")]
    [InlineData("14155552671", "+1", "4155552671")]
    [InlineData("593991234567", "+593", "991234567")]
    [InlineData("5215512345678", "+52", "15512345678")]
    [InlineData("525512345678", "+52", "5512345678")]
    public void The_user_phone_is_split_into_country_code_and_cellphone(string phone, string countryCode, string cellphone)
    {
        var e = Accepted(EventJson.Of("message.inbound").With("user.phone", phone));

        Assert.Equal(new UserPhone(countryCode, cellphone), e.User);
    }

    [Theory]
    [InlineData("5215550001111", "5215550001111")]
    [InlineData("+52 1 555 000 1111", "5215550001111")]
    [InlineData("+52-1-555-000-1111", "5215550001111")]
    public void The_line_number_is_kept_as_digits_with_its_country_code(string number, string expected)
    {
        var e = Accepted(EventJson.Of("message.inbound").With("line.number", number));

        Assert.Equal(expected, e.LineNumber);
    }

    [Fact]
    public void The_line_display_name_is_optional()
    {
        var e = Accepted(EventJson.Of("message.inbound").Without("line.display_name"));

        Assert.Null(e.LineDisplayName);
        Assert.Equal("5215550001111", e.LineNumber);
    }

    [Fact]
    public void Unknown_extra_fields_are_ignored_at_any_depth()
    {
        var e = Accepted(EventJson.Of("message.inbound")
            .WithJson("x_extra", """{"nested":[1,{"a":null},"s"],"flag":true}""")
            .With("line.x_region", "mx")
            .With("user.name", "Ana")
            .WithJson("message.x_context", """{"from":"wamid.Y"}""")
            .With("conversation.x_label", "welcome")
            .With("referral.ctwa_clid", "abc"));

        Assert.Equal(EventType.MessageInbound, e.Type);
        Assert.Equal("conv_welcome", e.ConversationId);
        Assert.Equal("Hola, quiero info", e.MessageText);
    }

    [Fact]
    public void Escaped_strings_are_unescaped()
    {
        var e = Accepted(EventJson.Of("message.inbound").With("message.text", "dice \"hola\"\n¿qué tal? 😀"));

        Assert.Equal("dice \"hola\"\n¿qué tal? 😀", e.MessageText);
    }

    [Fact]
    public void Escaped_type_occurred_at_and_workspace_id_are_read_like_plain_ones()
    {
        var line = EventJson.Of("message.inbound").ToString()
            .Replace("\"message.inbound\"", "\"message\\u002Einbound\"", StringComparison.Ordinal)
            .Replace("\"2026-11-20T14:03:11Z\"", "\"2026-11-20T14:03:11\\u005A\"", StringComparison.Ordinal)
            .Replace("\"acme\"", "\"ac\\u006De\"", StringComparison.Ordinal);

        var e = Accepted(line);

        Assert.Equal(EventType.MessageInbound, e.Type);
        Assert.Equal(new DateTime(2026, 11, 20, 14, 3, 11, DateTimeKind.Utc), e.OccurredAt);
        Assert.Equal("acme", e.WorkspaceId);
    }

    [Fact]
    public void One_parser_reads_many_lines_independently()
    {
        var parser = new EventParser();

        var first = parser.Parse(EventJson.Of("message.inbound").ToUtf8());
        var rejected = parser.Parse(EventJson.Of("message.inbound").With("user.phone", "12").ToUtf8());
        var second = parser.Parse(EventJson.Of("message.inbound").With("event_id", "ev-2").Without("conversation").ToUtf8());

        Assert.NotNull(first.Event);
        Assert.NotNull(rejected.Rejection);
        Assert.Equal("ev-2", second.Event?.EventId);
        Assert.Null(second.Event?.ConversationId);
        Assert.Equal(new UserPhone("+57", "3001234567"), second.Event?.User);
    }
}
