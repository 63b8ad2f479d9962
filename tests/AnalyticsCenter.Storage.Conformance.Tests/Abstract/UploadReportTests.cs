using System.Globalization;
using System.Text.Json.Nodes;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Uploads;
using AnalyticsCenter.Query;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>
/// The ready reports with the tables a workspace uploaded (ad_spend, conversions, audience_tags), checked against numbers
/// worked out by hand on a small day: five users, a tie, a conversion before any session and one past the window.
/// </summary>
/// <remarks>
/// On 2026-11-20 (UTC): Ana (+57 300 123 4567) comes from ad 1 at 10:00 and from an Instagram link at 14:00; Bob
/// (+1 415 555 2671) from ad 1 at 09:00, and a deployment to him fails; Cy (+52 55 1234 5678) writes on two lines at
/// 11:00, from ad 2 on one and from nowhere on the other; Di (+44 7700 900123) gets the nov-promo deployment at 12:00.
/// Sessions close after the hour's inactivity.
/// </remarks>
public abstract class UploadReportTests(IStoreFactory stores) : StoreTests(stores)
{
    private const string Ad1 = "120210000000000001";
    private const string Ad2 = "120210000000000002";
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");

    // Ana's at 10:30 (ad 1) and 15:00 (the link), Bob's before his only session and 8 days after it, Cy's just after his
    // two sessions, Di's an hour after her delivery.
    private const string Conversions = """
        phone,occurred_at,value,name
        +57 300 123 4567,2026-11-20T10:30:00Z,10.00,first
        573001234567,2026-11-20T15:00:00Z,5.50,second
        +14155552671,2026-11-20T08:00:00Z,3,before any session
        +14155552671,2026-11-28T09:00:00Z,7,past the window
        +525512345678,2026-11-20T11:30:00Z,20,after the tie
        +447700900123,2026-11-20T13:00:00Z,4,outbound
        """;

    private const string AdSpend = $"""
        date,meta_source_id,spend,currency
        2026-11-20,{Ad1},12.50,USD
        2026-11-21,{Ad1},7.50,USD
        2026-11-20,{Ad2},4.00,USD
        """;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var ana = new EventLines(phone: "573001234567");
        var bob = new EventLines(phone: "14155552671");
        var cyOnLine1 = new EventLines(phone: "525512345678");
        var cyOnLine2 = new EventLines(line: "5215550002222", phone: "525512345678");
        var di = new EventLines(phone: "447700900123");
        await Db.IngestAsync(
            ana.Inbound("10:00:00", referral: Referral(Ad1)),
            ana.Inbound("14:00:00", whatsappLink: new JsonObject { ["campaign_name"] = "bf", ["campaign_source"] = "instagram" }),
            bob.Inbound("09:00:00", referral: Referral(Ad1)),
            bob.DeploymentCreated("09:30:00", "dep-bob", campaign: "nov-promo"),
            bob.Status("09:30:05", "dep-bob", "failed", 131026, "Message undeliverable"),
            cyOnLine1.Inbound("11:00:00", referral: Referral(Ad2)),
            cyOnLine2.Inbound("11:00:00"),
            di.DeploymentCreated("12:00:00", "dep-di", campaign: "nov-promo"),
            di.Status("12:00:05", "dep-di", "delivered"),
            di.Inbound("12:05:00", "me interesa"));
        await Db.RefreshAsync("2026-11-29T00:00:00Z");
    }

    [Fact]
    public async Task Each_conversion_goes_to_the_users_last_session_before_it_and_counts_for_that_sessions_source()
    {
        await UploadAsync("conversions", Conversions);

        var rows = await RunAsync(ReadyReport.Conversions);

        Assert.Equal((2L, 1L, 1L, 0.5, 10.00), Numbers(rows, "meta_ad", Ad1));
        Assert.Equal((1L, 1L, 1L, 1.0, 5.50), Numbers(rows, "whatsapp_link", "instagram"));
        Assert.Equal((1L, 1L, 1L, 1.0, 4.00), Numbers(rows, "outbound", "nov-promo"));
        Assert.Equal("conv_promo", Row(rows, "outbound", "nov-promo")["name"]);
    }

    [Fact]
    public async Task A_conversion_with_no_session_before_it_within_the_window_is_counted_in_the_none_row()
    {
        await UploadAsync("conversions", Conversions);

        var week = await RunAsync(ReadyReport.Conversions);
        var nineDays = await RunAsync(ReadyReport.Conversions, new() { ["window_days"] = 9 });

        Assert.Equal((0L, 0L, 2L, (double?)null, 10.00), Numbers(week, "none", null));
        Assert.Equal("none", week[0]["channel"]);
        Assert.Equal((0L, 0L, 1L, (double?)null, 3.00), Numbers(nineDays, "none", null));
        Assert.Equal((2L, 2L, 2L, 1.0, 17.00), Numbers(nineDays, "meta_ad", Ad1));
    }

    [Fact]
    public async Task Of_two_sessions_starting_at_the_same_instant_the_one_with_the_smaller_id_gets_the_conversion()
    {
        await UploadAsync("conversions", Conversions);
        var first = (string)Assert.Single(await Db.RowsAsync(
            "SELECT CASE WHEN meta_source_id IS NULL THEN 'other' ELSE 'meta_ad' END AS channel FROM sessions "
            + "WHERE user_cellphone = '5512345678' ORDER BY session_id LIMIT 1"))["channel"]!;

        var rows = await RunAsync(ReadyReport.Conversions);

        var (winner, loser) = first == "other" ? (("other", (string?)null), ("meta_ad", Ad2)) : (("meta_ad", Ad2), ("other", null));
        Assert.Equal((1L, 1L, 1L, 1.0, 20.00), Numbers(rows, winner.Item1, winner.Item2));
        Assert.Equal((1L, 0L, 0L, 0.0, (double?)null), Numbers(rows, loser.Item1, loser.Item2));
    }

    [Fact]
    public async Task Meta_attribution_gains_spend_and_cost_per_session_and_with_conversions_roas()
    {
        await UploadAsync("ad_spend", AdSpend);
        var withSpend = await RunAsync(ReadyReport.MetaAttribution);
        var firstDay = await RunAsync(ReadyReport.MetaAttribution, new() { ["to"] = new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc) });
        await UploadAsync("conversions", Conversions.Replace("+525512345678", "+525599999999", StringComparison.Ordinal));
        var withConversions = await RunAsync(ReadyReport.MetaAttribution);

        Assert.Equal([Ad1, Ad2], withSpend.Select(r => r["meta_source_id"]));
        Assert.Equal([20.00, 10.00, 4.00, 4.00], withSpend.SelectMany(r => new[] { Number(r["spend"]), Number(r["cost_per_session"]) }));
        Assert.All(withSpend, r => Assert.Equal("USD", r["currency"]));
        Assert.DoesNotContain("roas", withSpend[0].Keys);
        Assert.Equal(12.50, Number(firstDay[0]["spend"]));
        Assert.Equal([1L, 0L], withConversions.Select(r => Convert.ToInt64(r["conversions"], CultureInfo.InvariantCulture)));
        Assert.Equal([0.5, 0.0], withConversions.Select(r => Number(r["roas"])));
    }

    [Fact]
    public async Task Meta_attribution_by_day_or_week_gives_each_ads_sessions_spend_and_roas_of_the_period()
    {
        // Eve comes from ad 1 on the 21st (a Saturday; the 20th is in the same week, from Monday the 16th), the second
        // day ad 1 has spend for; Cy's conversion goes to nobody, so ad 2 has none.
        await Db.IngestAsync(new EventLines(phone: "34600111222").Inbound("2026-11-21T10:00:00Z", referral: Referral(Ad1)));
        await Db.RefreshAsync("2026-11-29T00:00:00Z");
        await UploadAsync("ad_spend", AdSpend);
        await UploadAsync("conversions", Conversions.Replace("+525512345678", "+525599999999", StringComparison.Ordinal));

        var byDay = await RunAsync(ReadyReport.MetaAttribution, new() { ["grain"] = "day" });
        var byWeek = await RunAsync(ReadyReport.MetaAttribution, new() { ["grain"] = "week" });
        // In UTC+14 Bob's 09:00 is still the 20th, Ana's 10:00 and Cy's 11:00 are the 21st, and Eve's the 22nd.
        var byKiritimatiDay = await RunAsync(ReadyReport.MetaAttribution, new() { ["grain"] = "day", ["tz"] = "Pacific/Kiritimati" });
        var total = await RunAsync(ReadyReport.MetaAttribution);

        Assert.Equal([("2026-11-20", Ad1, 2L), ("2026-11-20", Ad2, 1L), ("2026-11-21", Ad1, 1L)], byDay.Select(Period));
        Assert.Equal([(12.50, 6.25), (4.00, 4.00), (7.50, 7.50)], byDay.Select(r => (Number(r["spend"]), Number(r["cost_per_session"]))));
        Assert.Equal([(1L, 10.00, 0.8), (0L, null, 0.0), (0L, null, 0.0)],
            byDay.Select(r => (Whole(r["conversions"]), Number(r["conversion_value"]), Number(r["roas"]))));
        Assert.Equal([("2026-11-16", Ad1, 3L), ("2026-11-16", Ad2, 1L)], byWeek.Select(Period));
        Assert.Equal([(20.00, 6.67, 1L, 0.5), (4.00, 4.00, 0L, 0.0)],
            byWeek.Select(r => (Number(r["spend"]), Number(r["cost_per_session"]), Whole(r["conversions"]), Number(r["roas"]))));
        Assert.Equal([("2026-11-20", Ad1, 1L), ("2026-11-21", Ad1, 1L), ("2026-11-21", Ad2, 1L), ("2026-11-22", Ad1, 1L)], byKiritimatiDay.Select(Period));
        Assert.Equal([12.50, 7.50, null, null], byKiritimatiDay.Select(r => Number(r["spend"])));
        Assert.All(total, r => Assert.Null(r["period_start"]));
        Assert.Equal([(20.00, 6.67, 0.5), (4.00, 4.00, 0.0)], total.Select(r => (Number(r["spend"]), Number(r["cost_per_session"]), Number(r["roas"]))));
    }

    [Fact]
    public async Task Meta_attribution_refuses_a_grain_it_does_not_know()
    {
        await UploadAsync("ad_spend", AdSpend);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(ReadyReport.MetaAttribution, new() { ["grain"] = "month" }));

        Assert.Contains("grain must be 'total', 'day' or 'week', not 'month'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ad_spend_in_two_currencies_is_refused_naming_them()
    {
        await UploadAsync("ad_spend", AdSpend + "\n2026-11-20,120210000000000002,3.00,EUR\n");

        var refused = await Assert.ThrowsAsync<QueryRefusedException>(() => RunAsync(ReadyReport.MetaAttribution));

        Assert.Contains("(EUR, USD)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Countries_group_by_audience_tag_with_delivery_rate_sessions_and_conversions()
    {
        await UploadAsync("audience_tags", "phone,tag\n+573001234567,vip\n+14155552671,vip\n+14155552671,newsletter\n+14155552671,vip\n");
        var byCountry = await RunAsync(ReadyReport.Countries);
        var byTag = await RunAsync(ReadyReport.Countries, new() { ["group_by"] = "tag" });
        await UploadAsync("conversions", Conversions);
        var withConversions = await RunAsync(ReadyReport.Countries, new() { ["group_by"] = "tag" });

        var plain = await RunAsItWasAsync(ReadyReport.Countries);
        Assert.Equal(["+1", "+44", "+52", "+57"], byCountry.Select(r => r["user_country_code"]));
        Assert.Equal(plain.Select(r => string.Join(",", r.Values)), byCountry.Select(r => string.Join(",", r.Where(c => c.Key != "tag").Select(c => c.Value))));
        Assert.Equal(["vip", null, "newsletter"], byTag.Select(r => r["tag"]));
        Assert.All(byTag, r => Assert.Null(r["user_country_code"]));
        Assert.Equal([(1L, 0L, 3L), (1L, 1L, 3L), (1L, 0L, 1L)], byTag.Select(r => (Whole(r["deployments"]), Whole(r["delivered"]), Whole(r["sessions"]))));
        Assert.Equal([0.0, 1.0, 0.0], byTag.Select(r => Number(r["delivery_rate"])));
        Assert.Equal([(2L, 15.50), (2L, 24.00), (0L, (double?)null)], withConversions.Select(r => (Whole(r["conversions"]), Number(r["conversion_value"]))));
    }

    [Fact]
    public async Task Without_the_uploads_a_report_is_as_it_was_with_a_note_naming_the_upload_that_would_add_columns()
    {
        await UploadAsync("audience_tags", "cellphone,tag\n3001234567,vip\n");

        var meta = await ReportVariant.ForWorkspaceAsync(ReadyReport.MetaAttribution, Db.Store, Db.Store, s_acme, Ct);
        var countries = await ReportVariant.ForWorkspaceAsync(ReadyReport.Countries, Db.Store, Db.Store, s_acme, Ct);

        Assert.Equal(ReadyReport.MetaAttribution.Sql(Db.Store.Dialect), meta.Sql(Db.Store.Dialect));
        Assert.Equal(ReadyReport.Countries.Sql(Db.Store.Dialect), countries.Sql(Db.Store.Dialect));
        Assert.Contains(meta.Notes, n => n.StartsWith("Uploading ad_spend (date, meta_source_id, spend, currency) would add spend", StringComparison.Ordinal));
        Assert.Contains(countries.Notes, n => n == "The upload audience_tags is not read: it has no column phone.");
        Assert.Equal(
            (await RunAsync(ReadyReport.MetaAttribution)).Select(r => string.Join(",", r.Values)),
            (await RunAsItWasAsync(ReadyReport.MetaAttribution)).Select(r => string.Join(",", r.Values)));
    }

    private static JsonObject Referral(string adId) => new() { ["source_type"] = "ad", ["source_id"] = adId, ["headline"] = "Ad " + adId[^1] };

    private Task<UploadInfo> UploadAsync(string name, string csv) => UploadCsvAsync(s_acme, name, csv, UploadMode.Replace);

    private async Task<IReadOnlyList<Dictionary<string, object?>>> RunAsync(ReadyReport report, Dictionary<string, object?>? values = null)
    {
        var variant = await ReportVariant.ForWorkspaceAsync(report, Db.Store, Db.Store, s_acme, Ct);
        return await Db.Store.QueryAsync(s_acme, variant.Sql(Db.Store.Dialect), variant.Bind(values), StoreUnderTest.ReadAll, Ct);
    }

    /// <summary>The report's own SQL, which reads no upload: what it gave before uploads existed.</summary>
    private Task<IReadOnlyList<Dictionary<string, object?>>> RunAsItWasAsync(ReadyReport report) =>
        Db.Store.QueryAsync(s_acme, report.Sql(Db.Store.Dialect), report.Bind(), StoreUnderTest.ReadAll, Ct);

    private static Dictionary<string, object?> Row(IReadOnlyList<Dictionary<string, object?>> rows, string channel, string? source) =>
        Assert.Single(rows, r => (string?)r["channel"] == channel && (string?)r["source"] == source);

    /// <summary>A conversions row's sessions, converted sessions, conversions, conversion rate and value.</summary>
    private static (long, long, long, double?, double?) Numbers(IReadOnlyList<Dictionary<string, object?>> rows, string channel, string? source)
    {
        var row = Row(rows, channel, source);
        return (Whole(row["sessions"]), Whole(row["converted_sessions"]), Whole(row["conversions"]),
            Number(row["conversion_rate"]), Number(row["conversion_value"]));
    }

    /// <summary>A Meta attribution row's period (as yyyy-MM-dd), ad and sessions.</summary>
    private static (string, string?, long) Period(Dictionary<string, object?> row) => (
        row["period_start"] switch
        {
            DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime time => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            var other => Convert.ToString(other, CultureInfo.InvariantCulture)!,
        },
        (string?)row["meta_source_id"], Whole(row["sessions"]));

    private static long Whole(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static double? Number(object? value) => value is null ? null : Convert.ToDouble(value, CultureInfo.InvariantCulture);
}
