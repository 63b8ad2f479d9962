namespace AnalyticsCenter.Query.Tests.Reports;

/// <summary>Each report over <see cref="ReportFixture"/>, against numbers computed by hand from its table.</summary>
public sealed class ReportResultTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private const string NewYork = "America/New_York";

    [Fact]
    public async Task Drop_off_takes_the_busiest_flow_and_makes_a_funnel_of_its_last_nodes()
    {
        // conv_welcome v3 has 7 sessions (S1–S7), conv_promo v2 3, conv_sales v1 1. Last nodes: (none) S3 S7 = 2/7 first,
        // then n_menu S1 S4 = 2/7 and n_price S2 S5 S6 = 3/7: each user wrote once, at the start (0 s into the session),
        // so the two tie and go by name. Reached: 7, then 5, then 3.
        Assert.Equal(["1|conv_welcome|3|(none)|2|0.2857|7|1", "2|conv_welcome|3|n_menu|2|0.2857|5|0.7143", "3|conv_welcome|3|n_price|3|0.4286|3|0.4286"],
            await fixture.Run(ReadyReport.DropOff));
    }

    [Fact]
    public async Task Drop_off_of_a_given_conversation_takes_its_busiest_version()
    {
        // conv_promo v2: O1 p_offer (reply 115 s in); O2 and O6 no node.
        Assert.Equal(["1|conv_promo|2|(none)|2|0.6667|3|1", "2|conv_promo|2|p_offer|1|0.3333|1|0.3333"],
            await fixture.Run(ReadyReport.DropOff, new() { ["conversation_id"] = "conv_promo" }));
    }

    [Fact]
    public async Task Meta_attribution_averages_finished_durations_and_counts_agent_sessions()
    {
        // ad-1: S1 300 s (RATING, overwritten: not an agent's), S2 600 s (AGENTS), S5 900 s (RATING, closed by an agent):
        // avg 600, agents 2/3, headline of the latest session (S5). post-9: S3 120 s, BOT.
        Assert.Equal(["Ad|ad-1|Black Friday 2|3|3|600|2|0.6667", "Post|post-9|Tienda|1|1|120|0|0"],
            await fixture.Run(ReadyReport.MetaAttribution));
    }

    [Fact]
    public async Task Meta_attribution_respects_the_time_window()
    {
        // [11-02, 11-09): S3 and S5 only.
        Assert.Equal(["Ad|ad-1|Black Friday 2|1|1|900|1|1", "Post|post-9|Tienda|1|1|120|0|0"],
            await fixture.Run(ReadyReport.MetaAttribution, new() { ["from"] = ReportFixture.Utc("11-02 00:00"), ["to"] = ReportFixture.Utc("11-09 00:00") }));
    }

    [Fact]
    public async Task Duration_trend_by_utc_day()
    {
        // 11-01 S1 300 S2 600; 11-02 S3 120 S4 1200; 11-03 O1 600 O2 3600; 11-08 S6 600 S5 900; 11-09 S8 3600;
        // 11-10 O6 600; S7 is open and left out. Active: the user's last message came at the start (0 s) but in O1 (the reply
        // 115 s after delivery), O2 (no reply: 0) and O6 (60 s).
        Assert.Equal(["2026-11-01|2|450|450|0|0", "2026-11-02|2|660|660|0|0", "2026-11-03|2|2100|2100|57.5|57.5", "2026-11-08|2|750|750|0|0",
            "2026-11-09|1|3600|3600|0|0", "2026-11-10|1|600|600|60|60"], await fixture.Run(ReadyReport.DurationTrend));
    }

    [Fact]
    public async Task Duration_trend_by_new_york_day_follows_the_daylight_saving_change()
    {
        // S1 04:30Z = 00:30 EDT 11-01 (a fixed −5 would say 10-31); S2 06:30Z = 01:30 EST 11-01; S3 11-02 04:30Z =
        // 23:30 EST 11-01 (a fixed −4 would say 11-02). 11-01: 300 600 120 → avg 340, median 300. The rest keep their day.
        Assert.Equal(["2026-11-01|3|340|300|0|0", "2026-11-02|1|1200|1200|0|0", "2026-11-03|2|2100|2100|57.5|57.5", "2026-11-08|2|750|750|0|0",
            "2026-11-09|1|3600|3600|0|0", "2026-11-10|1|600|600|60|60"], await fixture.Run(ReadyReport.DurationTrend, new() { ["tz"] = NewYork }));
    }

    [Fact]
    public async Task Duration_trend_by_new_york_week_starts_weeks_on_monday()
    {
        // 11-01 is a Sunday: week of 10-26 = S1 S2 S3 (340, median 300). Week of 11-02 = S4 1200, O1 600, O2 3600, S6 600,
        // S5 900: avg 6900/5 = 1380, median 900. Week of 11-09 = S8 3600, O6 600. Active: O1 115 in the second week (of
        // five: avg 23, median 0), O6 60 in the third (avg 30).
        Assert.Equal(["2026-10-26|3|340|300|0|0", "2026-11-02|5|1380|900|23|0", "2026-11-09|2|2100|2100|30|30"],
            await fixture.Run(ReadyReport.DurationTrend, new() { ["tz"] = NewYork, ["grain"] = "week" }));
    }

    [Fact]
    public async Task Duration_trend_refuses_an_unknown_grain()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Run(ReadyReport.DurationTrend, new() { ["grain"] = "month" }));
    }

    [Fact]
    public async Task Retention_by_utc_first_session_day()
    {
        // Days with a session (UTC): U1 11-01 11-02 11-03 11-08; U2 11-01 11-03; U3 11-02 11-09; U4 11-08; U5 11-10 11-23.
        // Last day 11-23: day 14 of the 11-10 cohort (11-24) is not yet known. 11-01: U1 (day 1 yes, day 7 yes), U2 (no).
        // 11-02: U3 (11-03 no, 11-09 yes). 11-08: U4 never. 11-10: U5 not by day 7 (U5's 11-23 is day 13).
        Assert.Equal([
            "2026-11-01|2|day 1|1|0.5", "2026-11-01|2|day 3|0|0", "2026-11-01|2|day 7|1|0.5", "2026-11-01|2|day 14|0|0",
            "2026-11-02|1|day 1|0|0", "2026-11-02|1|day 3|0|0", "2026-11-02|1|day 7|1|1", "2026-11-02|1|day 14|0|0",
            "2026-11-08|1|day 1|0|0", "2026-11-08|1|day 3|0|0", "2026-11-08|1|day 7|0|0", "2026-11-08|1|day 14|0|0",
            "2026-11-10|1|day 1|0|0", "2026-11-10|1|day 3|0|0", "2026-11-10|1|day 7|0|0", "2026-11-10|1|day 14|0|NULL"],
            await fixture.Run(ReadyReport.Retention));
    }

    [Fact]
    public async Task Retention_by_new_york_day_moves_a_late_session_to_the_previous_day()
    {
        // In New York S3 (11-02 04:30Z) is 11-01 23:30 EST: U3 joins the 11-01 cohort and neither 11-02 nor 11-08 has
        // a session of theirs (S8 is 11-09 04:00). 11-01: 3 users, day 1 and day 7 only U1.
        Assert.Equal([
            "2026-11-01|3|day 1|1|0.3333", "2026-11-01|3|day 3|0|0", "2026-11-01|3|day 7|1|0.3333", "2026-11-01|3|day 14|0|0",
            "2026-11-08|1|day 1|0|0", "2026-11-08|1|day 3|0|0", "2026-11-08|1|day 7|0|0", "2026-11-08|1|day 14|0|0",
            "2026-11-10|1|day 1|0|0", "2026-11-10|1|day 3|0|0", "2026-11-10|1|day 7|0|0", "2026-11-10|1|day 14|0|NULL"],
            await fixture.Run(ReadyReport.Retention, new() { ["tz"] = NewYork }));
    }

    [Fact]
    public async Task Retention_by_week_counts_a_return_in_each_week_after_the_first_sessions_week()
    {
        // Weeks from Monday (UTC). 10-26: U1 U2 (11-01, a Sunday); both back in the week of 11-02. 11-02: U3 (11-02) and
        // U4 (11-08); U3 back on 11-09, week 1. 11-09: U5 (11-10), back on 11-23 (week 2, not over by the last day 11-23).
        Assert.Equal([
            "2026-10-26|2|week 1|2|1", "2026-10-26|2|week 2|0|0", "2026-10-26|2|week 3|0|0", "2026-10-26|2|week 4|0|NULL",
            "2026-11-02|2|week 1|1|0.5", "2026-11-02|2|week 2|0|0", "2026-11-02|2|week 3|0|NULL", "2026-11-02|2|week 4|0|NULL",
            "2026-11-09|1|week 1|0|0", "2026-11-09|1|week 2|1|NULL", "2026-11-09|1|week 3|0|NULL", "2026-11-09|1|week 4|0|NULL"],
            await fixture.Run(ReadyReport.Retention, new() { ["grain"] = "week" }));
    }

    [Fact]
    public async Task Inbound_sources_by_channel()
    {
        // INBOUND S1..S8. meta_ad ad-1: S1 S2 S5 (300 600 900). other: S8 3600 and S7 open. meta_post: S3 120.
        // whatsapp_link: S6 facebook 600, S4 instagram 1200.
        Assert.Equal(["meta_ad|ad-1|Black Friday 2|3|3|600", "other|NULL|NULL|2|1|3600", "meta_post|post-9|Tienda|1|1|120",
            "whatsapp_link|facebook|bf-2026|1|1|600", "whatsapp_link|instagram|bf-2026|1|1|1200"], await fixture.Run(ReadyReport.InboundSources));
    }

    [Fact]
    public async Task Delivery_rate_by_day()
    {
        // 11-03 D1 D2 delivered, D3 D4 failed; 11-09 D8 failed; 11-10 D5 failed, D6 delivered; 11-23 D7 in process.
        Assert.Equal(["2026-11-03|4|2|2|0|0.5", "2026-11-09|1|0|1|0|0", "2026-11-10|2|1|1|0|0.5", "2026-11-23|1|0|0|1|0"],
            await fixture.Run(ReadyReport.DeliveryRate));
    }

    [Fact]
    public async Task Delivery_rate_by_new_york_week()
    {
        // Weeks from Monday: 11-02 (D1–D4), 11-09 (D8, D5, D6: 1 of 3), 11-23 (D7 at 18:50 EST, a Monday).
        Assert.Equal(["2026-11-02|4|2|2|0|0.5", "2026-11-09|3|1|2|0|0.3333", "2026-11-23|1|0|0|1|0"],
            await fixture.Run(ReadyReport.DeliveryRate, new() { ["by"] = "week", ["tz"] = NewYork }));
    }

    [Theory]
    [InlineData("conversation", "conv_promo v2|7|3|3|1|0.4286", "conv_sales v1|1|0|1|0|0")]
    [InlineData("country", "+57|4|3|1|0|0.75", "+1|2|0|1|1|0", "+52|2|0|2|0|0")]
    [InlineData("line", "5215550001111|5|3|2|0|0.6", "5215550002222|3|0|2|1|0")]
    public async Task Delivery_rate_by_group(string by, params string[] expected)
    {
        // conv_promo v2 = D1–D7 (D1 D2 D6 delivered; D3 D4 D5 failed; D7 in process); conv_sales v1 = D8 failed.
        // +57 = D1 D2 D5 D6; +52 = D3 D8; +1 = D4 D7. Line 1 = D1 D2 D3 D5 D6; line 2 = D4 D7 D8.
        Assert.Equal(expected, await fixture.Run(ReadyReport.DeliveryRate, new() { ["by"] = by }));
    }

    [Fact]
    public async Task Delivery_rate_filters_by_status()
    {
        Assert.Equal(["+57|3|3|0|0|1"], await fixture.Run(ReadyReport.DeliveryRate, new() { ["by"] = "country", ["delivery_status"] = "Delivered" }));
    }

    [Fact]
    public async Task Failure_reasons_with_their_share()
    {
        // 131049: D4 D5 D8; 131026: D3.
        Assert.Equal([ReportFixture.Ecosystem + "|3|0.75", ReportFixture.Undeliverable + "|1|0.25"], await fixture.Run(ReadyReport.FailureReasons));
    }

    [Fact]
    public async Task Failure_reasons_of_one_country()
    {
        // +52: D3 131026, D8 131049; a tie, by name.
        Assert.Equal([ReportFixture.Undeliverable + "|1|0.5", ReportFixture.Ecosystem + "|1|0.5"],
            await fixture.Run(ReadyReport.FailureReasons, new() { ["country"] = "+52" }));
    }

    [Fact]
    public async Task Outbound_funnel_by_conversation_and_campaign()
    {
        // conv_promo/nov-promo: D1–D5, D7 = 6; delivered D1 D2; replied D1 (O1, 600 s). conv_promo/no campaign: D6,
        // delivered, replied (O6, 600 s). conv_sales/sales-push: D8 failed.
        Assert.Equal(["conv_promo|nov-promo|6|2|1|0.5|600", "conv_promo|NULL|1|1|1|1|600", "conv_sales|sales-push|1|0|0|NULL|NULL"],
            await fixture.Run(ReadyReport.OutboundFunnel));
    }

    [Fact]
    public async Task Countries_compare_delivery_replies_and_durations()
    {
        // +57: D1 D2 D5 D6, 3 delivered → O1 O2 O6, replies O1 O6; sessions S1 S2 S4 S6 S7 O1 O2 O6 = 8, finished
        // 300+600+1200+600+600+3600+600 = 7500 / 7 = 1071.4. +52: D3 D8 failed; S3 120, S8 3600 → 1860.
        // +1: D4 failed, D7 in process; S5 900.
        Assert.Equal(["+57|4|3|0.75|3|1|2|0.6667|8|1071.4", "+52|2|0|0|0|NULL|0|NULL|2|1860", "+1|2|0|0|0|NULL|0|NULL|1|900"],
            await fixture.Run(ReadyReport.Countries));
    }

    [Fact]
    public async Task Countries_with_inbound_sessions_only_and_one_line()
    {
        // Line 1, INBOUND: +57 S1 S2 S4 S6 S7 (300 600 1200 600 → 675), +52 S3 120; deployments of line 1 only.
        Assert.Equal(["+57|4|3|0.75|3|1|2|0.6667|5|675", "+52|1|0|0|0|NULL|0|NULL|1|120"],
            await fixture.Run(ReadyReport.Countries, new() { ["line"] = ReportFixture.Line1, ["session_type"] = "INBOUND" }));
    }
}
