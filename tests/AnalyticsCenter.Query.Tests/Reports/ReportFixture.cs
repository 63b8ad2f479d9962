using System.Globalization;
using System.Text.Json.Nodes;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Query.Tests.Reports;

/// <summary>
/// One small workspace for every report test, refreshed as of 2026-11-24T00:00Z (timeout 60 minutes, so nothing is
/// dropped by retention). 2026-11-01 is a Sunday; New York leaves daylight saving at 06:00Z that day (EDT −4 → EST −5).
/// <code>
/// sessions (conv_welcome v3 unless noted; L1 = 5215550001111, L2 = 5215550002222)
/// id  user         line type     start (UTC)       end       dur s  status  end reason    last node attribution
/// S1  U1 +57 …0001 L1   INBOUND  11-01 04:30       04:35     300    RATING  overwritten   n_menu    Ad ad-1 "Black Friday"
/// S2  U2 +57 …0002 L1   INBOUND  11-01 06:30       06:40     600    AGENTS  agent_closed  n_price   Ad ad-1 "Black Friday"
/// S3  U3 +52       L1   INBOUND  11-02 04:30       04:32     120    BOT     overwritten   -         Post post-9 "Tienda"
/// S4  U1           L1   INBOUND  11-02 12:00       12:20     1200   AGENTS  overwritten   n_menu    link bf-2026 / instagram
/// O1  U1           L1   OUTBOUND 11-03 10:00:05    10:10:05  600    BOT     overwritten   p_offer   (D1; reply 10:02) conv_promo v2
/// O2  U2           L1   OUTBOUND 11-03 10:00:10    11:00:10  3600   BOT     inactivity    -         (D2; no reply) conv_promo v2
/// S6  U1           L1   INBOUND  11-08 13:00       13:10     600    BOT     overwritten   n_price   link bf-2026 / facebook
/// S5  U4 +1        L2   INBOUND  11-08 15:00       15:15     900    RATING  agent_closed  n_price   Ad ad-1 "Black Friday 2"
/// S8  U3           L2   INBOUND  11-09 09:00       10:00     3600   BOT     inactivity    n_start   - (conv_sales v1)
/// O6  U5 +57 …0005 L1   OUTBOUND 11-10 09:30       09:40     600    AGENTS  agent_closed  -         (D6; reply 09:31) conv_promo v2
/// S7  U5           L1   INBOUND  11-23 23:30       open      -      BOT     -             -         -
///
/// deployments (conv_promo v2 unless noted)
/// id  user  line created (UTC)  status      detail                                                                    campaign
/// D1  U1    L1   11-03 10:00    Delivered                                                                             nov-promo
/// D2  U2    L1   11-03 10:00    Delivered                                                                             nov-promo
/// D3  U3    L1   11-03 10:00    Failed      131026: Message undeliverable                                             nov-promo
/// D4  U4    L2   11-03 11:00    Failed      131049: This message was not delivered to maintain healthy ecosystem …    nov-promo
/// D8  U3    L2   11-09 08:00    Failed      131049 (conv_sales v1)                                                    sales-push
/// D5  U5    L1   11-10 09:00    Failed      131049                                                                    nov-promo
/// D6  U5    L1   11-10 09:30    Delivered                                                                             -
/// D7  U4    L2   11-23 23:50    In Process                                                                            nov-promo
/// </code>
/// </summary>
public sealed class ReportFixture : IAsyncLifetime
{
    public const string Line1 = "5215550001111";
    public const string Line2 = "5215550002222";
    public const string Undeliverable = "131026: Message undeliverable";
    public const string Ecosystem = "131049: This message was not delivered to maintain healthy ecosystem engagement";

    private const string EcosystemTitle = "This message was not delivered to maintain healthy ecosystem engagement";

    public ReportFixture()
    {
        Store = new TestStore(time: new FixedTimeProvider(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero)));
    }

    public async ValueTask InitializeAsync()
    {
        var u1 = new EventLines(line: Line1, phone: "573001110001");
        var u2 = new EventLines(line: Line1, phone: "573001110002");
        var u3 = new EventLines(line: Line1, phone: "525512340003");
        var u3OnLine2 = new EventLines(line: Line2, phone: "525512340003", displayName: "Acme Ventas");
        var u4 = new EventLines(line: Line2, phone: "12125550104", displayName: "Acme Ventas");
        var u5 = new EventLines(line: Line1, phone: "573001110005");
        var welcome = ("conv_welcome", 3);

        await Store.IngestAsync(
            // S1: ad-1, rating requested by the bot, overwritten.
            u1.Inbound(T("11-01 04:30"), conversation: welcome, referral: Referral("ad", "ad-1", "Black Friday")),
            u1.Node(T("11-01 04:31"), "n_menu"),
            u1.RatingRequested(T("11-01 04:33")),
            u1.Overwritten(T("11-01 04:35")),
            // S2: ad-1, handed to an agent who closes it.
            u2.Inbound(T("11-01 06:30"), conversation: welcome, referral: Referral("ad", "ad-1", "Black Friday")),
            u2.Node(T("11-01 06:31"), "n_menu"),
            u2.Node(T("11-01 06:32"), "n_price"),
            u2.AgentAssigned(T("11-01 06:33")),
            u2.AgentClosed(T("11-01 06:40")),
            // S3: post-9, no node.
            u3.Inbound(T("11-02 04:30"), conversation: welcome, referral: Referral("post", "post-9", "Tienda")),
            u3.Overwritten(T("11-02 04:32")),
            // S4: WhatsApp link from Instagram, agent, overwritten.
            u1.Inbound(T("11-02 12:00"), conversation: welcome, whatsappLink: Link("bf-2026", "instagram")),
            u1.Node(T("11-02 12:01"), "n_menu"),
            u1.AgentAssigned(T("11-02 12:05")),
            u1.Overwritten(T("11-02 12:20")),
            // D1..D4 and their sessions O1 (reply) and O2 (no reply, inactivity).
            u1.DeploymentCreated(T("11-03 10:00"), "D1", campaign: "nov-promo"),
            u1.Status(T("11-03 10:00:05"), "D1", "delivered"),
            u1.Inbound(T("11-03 10:02"), "Sí"),
            u1.Node(T("11-03 10:03"), "p_offer"),
            u1.Overwritten(T("11-03 10:10:05")),
            u2.DeploymentCreated(T("11-03 10:00"), "D2", campaign: "nov-promo"),
            u2.Status(T("11-03 10:00:10"), "D2", "delivered"),
            u3.DeploymentCreated(T("11-03 10:00"), "D3", campaign: "nov-promo"),
            u3.Status(T("11-03 10:00:03"), "D3", "failed", 131026, "Message undeliverable"),
            u4.DeploymentCreated(T("11-03 11:00"), "D4", campaign: "nov-promo"),
            u4.Status(T("11-03 11:00:02"), "D4", "failed", 131049, EcosystemTitle),
            // S6: WhatsApp link from Facebook.
            u1.Inbound(T("11-08 13:00"), conversation: welcome, whatsappLink: Link("bf-2026", "facebook")),
            u1.Node(T("11-08 13:02"), "n_price"),
            u1.Overwritten(T("11-08 13:10")),
            // S5: ad-1 with a new headline, agent, then rating, closed by the agent.
            u4.Inbound(T("11-08 15:00"), conversation: welcome, referral: Referral("ad", "ad-1", "Black Friday 2")),
            u4.Node(T("11-08 15:01"), "n_price"),
            u4.AgentAssigned(T("11-08 15:05")),
            u4.RatingRequested(T("11-08 15:14")),
            u4.AgentClosed(T("11-08 15:15")),
            // D8 (conv_sales) fails; S8 on line 2 ends by inactivity.
            u3OnLine2.DeploymentCreated(T("11-09 08:00"), "D8", "conv_sales", 1, campaign: "sales-push"),
            u3OnLine2.Status(T("11-09 08:00:01"), "D8", "failed", 131049, EcosystemTitle),
            u3OnLine2.Inbound(T("11-09 09:00"), conversation: ("conv_sales", 1)),
            u3OnLine2.Node(T("11-09 09:00"), "n_start"),
            // D5 fails, D6 (no campaign) is delivered: O6 with a reply and an agent.
            u5.DeploymentCreated(T("11-10 09:00"), "D5", campaign: "nov-promo"),
            u5.Status(T("11-10 09:00:02"), "D5", "failed", 131049, EcosystemTitle),
            u5.DeploymentCreated(T("11-10 09:29"), "D6"),
            u5.Status(T("11-10 09:30"), "D6", "delivered"),
            u5.Inbound(T("11-10 09:31"), "ok"),
            u5.AgentAssigned(T("11-10 09:32")),
            u5.AgentClosed(T("11-10 09:40")),
            // S7 is still open at the refresh; D7 is only sent.
            u5.Inbound(T("11-23 23:30"), conversation: welcome),
            u4.DeploymentCreated(T("11-23 23:50"), "D7", campaign: "nov-promo"),
            u4.Status(T("11-23 23:50:01"), "D7", "sent"));
        await Store.RefreshAsync("2026-11-24T00:00:00Z");
    }

    public TestStore Store { get; }

    /// <summary>Runs <paramref name="report"/> with <paramref name="values"/> (others NULL) and returns its rows, each as "v1|v2|…".</summary>
    public async Task<IReadOnlyList<string>> Run(ReadyReport report, Dictionary<string, object?>? values = null)
    {
        var rows = await Store.Store.QueryAsync(
            WorkspaceId.Parse("acme"), report.Sql(SqlDialect.DuckDb), report.Bind(values), TestStore.ReadAll, TestContext.Current.CancellationToken);
        return [.. rows.Select(row => string.Join('|', row.Values.Select(Text)))];
    }

    /// <summary>The column names of <paramref name="report"/>'s result.</summary>
    public async Task<IReadOnlyList<string>> Columns(ReadyReport report, Dictionary<string, object?>? values = null) =>
        await Store.Store.QueryAsync(WorkspaceId.Parse("acme"), report.Sql(SqlDialect.DuckDb), report.Bind(values), reader =>
            Task.FromResult<IReadOnlyList<string>>([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)]),
            TestContext.Current.CancellationToken);

    /// <summary>A UTC time in November 2026: "MM-dd HH:mm[:ss]".</summary>
    public static string T(string monthDayTime) =>
        "2026-" + monthDayTime.Replace(' ', 'T') + (monthDayTime.Length == 11 ? ":00Z" : "Z");

    public static DateTime Utc(string monthDayTime) => EventLines.Utc(T(monthDayTime));

    private static string Text(object? value) => value switch
    {
        null => "NULL",
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString(time.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static JsonObject Referral(string type, string id, string headline) => new()
    {
        ["source_url"] = "https://fb.me/" + id,
        ["source_type"] = type,
        ["source_id"] = id,
        ["headline"] = headline,
        ["body"] = "50% off",
        ["media_type"] = "image",
        ["image_url"] = "https://cdn.example/" + id + ".jpg",
    };

    private static JsonObject Link(string name, string source) => new() { ["campaign_name"] = name, ["campaign_source"] = source };

    public ValueTask DisposeAsync()
    {
        Store.Dispose();
        return ValueTask.CompletedTask;
    }
}
