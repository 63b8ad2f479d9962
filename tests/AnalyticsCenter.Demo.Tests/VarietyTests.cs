namespace AnalyticsCenter.Demo.Tests;

/// <summary>A 50,000-event sample holds every kind of thing the tables and their analyses need.</summary>
public sealed class VarietyTests
{
    private static Census Census => Census.WithDefects;

    [Fact]
    public void All_event_types_appear()
    {
        Assert.Equal(ContractCheck.Types.Order(StringComparer.Ordinal), Census.Types.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_message_kind_appears_on_inbound_messages()
    {
        Assert.Superset(
            new HashSet<string> { "text", "image", "audio", "video", "sticker", "document",
                "location", "interactive", "button", "contacts", "reaction", "unknown" },
            Census.InboundKinds.Keys.ToHashSet());
        Assert.True(Census.InboundKinds["text"] > Census.InboundKinds.Values.Sum() / 2, "text should be the most common kind");
    }

    [Fact]
    public void Ads_and_posts_with_image_and_video_referrals_appear()
    {
        Assert.Superset(new HashSet<string> { "ad image", "ad video", "post image", "post video" }, Census.Referrals.Keys.ToHashSet());
    }

    [Fact]
    public void WhatsApp_link_campaigns_come_from_several_sources()
    {
        Assert.Superset(new HashSet<string> { "instagram", "facebook", "google", "tiktok" }, Census.LinkSources.Keys.ToHashSet());
    }

    [Fact]
    public void Visits_are_redirected_handed_to_agents_rated_closed_and_overwritten()
    {
        Assert.True(Census.Types["flow.redirected"] > 50);
        Assert.True(Census.Types["agent.assigned"] > 50);
        Assert.True(Census.AgentIds > 0);
        Assert.True(Census.Senders["agent"] > 50);
        Assert.True(Census.Senders["bot"] > Census.Senders["agent"]);
        Assert.True(Census.Types["agent.closed"] > 20);
        Assert.True(Census.Types["agent.closed"] < Census.Types["agent.assigned"], "some agent conversations are never closed");
        Assert.True(Census.Types["rating.requested"] > 20);
        Assert.True(Census.Types["flow.overwritten"] > 5);
    }

    [Fact]
    public void Flows_have_versions_and_many_nodes()
    {
        Assert.Superset(
            new HashSet<string> { "conv_welcome v3", "conv_welcome v2", "conv_sales v7", "conv_support v2", "conv_promo v2" },
            Census.Conversations.Keys.ToHashSet());
        Assert.Superset(new HashSet<string> { "n_menu", "n_ask_email", "n_welcome" }, Census.Nodes.Keys.ToHashSet());
        Assert.True(Census.Nodes.Count >= 15);
    }

    [Fact]
    public void Deployments_fail_with_real_whatsapp_and_platform_codes()
    {
        Assert.Superset(
            new HashSet<string> { "131026", "131049", "FAILURE_BY_OPTOUT_CONTACT", "INVALID_PHONE", "131047", "130472", "131000" },
            Census.FailureCodes.Keys.ToHashSet());
        Assert.Contains("INVALID_PHONE", Census.CodesWithoutTitle.Keys);
        Assert.True(Census.ErrorsWithDetail > 0);
        Assert.True(Census.StringCodes > 0);

        // Not uniform: the two commonest codes make up more than a third of the failures.
        var top = Census.FailureCodes.Values.OrderDescending().Take(2).Sum();
        Assert.True(top * 3 > Census.FailureCodes.Values.Sum());
        Assert.True(Census.Campaigns.Count >= 3);
    }

    [Fact]
    public void Delivery_rate_is_between_80_and_90_percent()
    {
        var rate = (double)Census.Delivered / Census.Deployments;

        Assert.True(Census.Deployments > 1_000);
        Assert.InRange(rate, 0.8, 0.9);
        Assert.True(Census.Failed > 0);
    }

    [Fact]
    public void Some_statuses_report_read_without_delivered()
    {
        Assert.True(Census.ReadWithoutDelivered > 10);
    }

    [Fact]
    public void Delivered_users_often_reply_within_minutes()
    {
        Assert.True(Census.RepliesToDeliveries > Census.Delivered / 10, $"{Census.RepliesToDeliveries} replies to {Census.Delivered} deliveries");
    }

    [Fact]
    public void Users_return_on_later_days_and_sometimes_go_quiet_for_over_an_hour()
    {
        Assert.True(Census.ReturningUsers > Census.Users / 20, $"{Census.ReturningUsers} of {Census.Users} users came back on another day");
        Assert.True(Census.LongGaps > 100);
    }

    [Fact]
    public void Timestamps_sometimes_have_an_offset_or_fractional_seconds()
    {
        Assert.True(Census.Offsets > 100);
        Assert.True(Census.Fractions > 100);
    }

    [Fact]
    public void The_outbound_share_sets_how_much_of_the_month_is_campaign_traffic()
    {
        static int Created(double share) => Sample.Generate(new DemoOptions { Events = 20_000, End = Sample.End, OutboundShare = share })
            .Lines.Count(line => line.Contains("deployment.created", StringComparison.Ordinal));

        Assert.Equal(0, Created(0));
        Assert.True(Created(0.8) > 3 * Created(0.2), "four times the share should give far more deployments");
        Assert.Throws<ArgumentOutOfRangeException>(() => Created(1.5));
    }
}
