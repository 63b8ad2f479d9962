using AnalyticsCenter.TestKit.Postgres;
using AnalyticsCenter.Web.Api;

namespace AnalyticsCenter.Query.Tests.Twins;

/// <summary>
/// Every tenant SQL text the hosts run has a DuckDB and a PostgreSQL file; over the same rows both give the same
/// CSV, for every report with its filters, time zones, grains and groupings, the overview, the table pages and the exports.
/// </summary>
[Collection(typeof(RunsAlone))]
public sealed class DialectTwinTests(PostgresServer server, TwinData data) : IClassFixture<TwinData>
{
    private const string NewYork = "America/New_York";
    private const string Kathmandu = "Asia/Kathmandu";

    private static readonly string[] s_sets = [TwinData.Fixture, TwinData.Month];

    private static readonly string[] s_reportFilters =
        ["none", "new-york-days", "kathmandu-weeks", "by-conversation", "failed-by-country", "window-by-line", "country-inbound-delivered",
            "line-outbound", "conversation", "nothing"];

    private static readonly string[] s_tableFilters = ["none", "country-type-status", "window-line", "conversation", "nothing"];

    private static readonly string[] s_overviewFilters = ["none", "new-york-days", "window-by-line", "conversation", "country-inbound-delivered", "nothing"];

    private static readonly string[] s_overviewParameters = ["from", "to", "conversation_id", "conversation_version", "country", "line", "source", "reason"];

    private static readonly string[] s_tables = ["sessions", "deployments"];

    private static readonly int[] s_thirds = [0, 1, 2];

    private static readonly string[] s_browseFilters = ["from", "to", "conversation_id", "conversation_version", "country", "line", "type", "status"];

    public static TheoryData<string, string, string> Reports =>
        [.. from set in s_sets from report in ReadyReport.All from filters in s_reportFilters select (set, report.Name, filters)];

    public static TheoryData<string, string> Overviews => [.. from set in s_sets from filters in s_overviewFilters select (set, filters)];

    public static TheoryData<string, string, string> Tables =>
        [.. from set in s_sets from table in s_tables from filters in s_tableFilters select (set, table, filters)];

    public static TheoryData<string, string, int> Pages =>
        [.. from set in s_sets from table in s_tables from third in s_thirds select (set, table, third)];

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task A_report_gives_the_same_rows_in_both_dialects(string set, string report, string filters)
    {
        server.SkipUnlessRunning();
        var ready = ReadyReport.Find(report)!;

        var csv = await data[set].Twins.AssertSameCsvAsync(ready.Sql, ready.Bind(ReportFilters(data[set], filters)));

        if (filters == "none")
        {
            Assert.True(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length > 1, $"{report} has no rows over {set} to compare");
        }
    }

    [Theory]
    [InlineData("retention", "window-by-line")]
    [InlineData("retention", "kathmandu-weeks")]
    [InlineData("delivery-rate", "kathmandu-weeks")]
    [InlineData("delivery-rate", "by-conversation")]
    [InlineData("duration-trend", "new-york-days")]
    [InlineData("countries", "country-inbound-delivered")]
    [InlineData("drop-off", "conversation")]
    [InlineData("failure-reasons", "none")]
    [InlineData("conversions", "line-outbound")]
    [InlineData("countries", "none")]
    [InlineData("outbound-funnel", "window-by-line")]
    public async Task A_reports_readable_sql_with_its_filters_written_in_gives_the_reports_rows_in_both_dialects(string report, string filters)
    {
        server.SkipUnlessRunning();
        var ready = ReadyReport.Find(report)!;
        var values = ReportFilters(data[TwinData.Month], filters);
        var twins = data[TwinData.Month].Twins;

        var readable = await twins.AssertSameCsvAsync(dialect => ReportSqlText.ReadableFor(ready.For([]), values, dialect), new Dictionary<string, object?>());

        Assert.Equal(await twins.AssertSameCsvAsync(ready.Sql, ready.Bind(values)), readable);
    }

    [Theory]
    [InlineData("duration-trend", "grain", "month")]
    [InlineData("delivery-rate", "by", "campaign")]
    [InlineData("retention", "tz", "Mars/Olympus")]
    public async Task A_report_refuses_a_bad_value_in_both_dialects(string report, string name, string value)
    {
        server.SkipUnlessRunning();
        var ready = ReadyReport.Find(report)!;

        await data[TwinData.Fixture].Twins.AssertBothFailAsync(ready.Sql, ready.Bind(new Dictionary<string, object?> { [name] = value }));
    }

    [Theory]
    [MemberData(nameof(Overviews))]
    public async Task The_overview_gives_the_same_days_in_both_dialects(string set, string filters)
    {
        server.SkipUnlessRunning();
        var parameters = OverviewFilters(data[set], filters);
        parameters["tz"] = ReportFilters(data[set], filters).GetValueOrDefault("tz") ?? "UTC";

        var csv = await data[set].Twins.AssertSameCsvAsync(OverviewEndpoints.Days, parameters);

        Assert.True(filters == "nothing" || csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length > 1);
    }

    [Theory]
    [MemberData(nameof(Overviews))]
    public async Task The_overviews_breakdowns_are_the_same_in_both_dialects(string set, string filters)
    {
        server.SkipUnlessRunning();

        var csv = await data[set].Twins.AssertSameCsvAsync(OverviewEndpoints.Breakdowns, OverviewFilters(data[set], filters));

        Assert.True(filters == "nothing" || csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length > 1);
    }

    [Theory]
    [InlineData("source", "SELECT meta_source_id AS v FROM sessions WHERE meta_source_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")]
    [InlineData("reason", "SELECT status_detail AS v FROM deployments WHERE status_detail IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")]
    public async Task The_overview_filtered_by_a_source_or_a_failure_reason_is_the_same_in_both_dialects(string name, string busiest)
    {
        server.SkipUnlessRunning();
        var month = data[TwinData.Month];
        var parameters = OverviewFilters(month, "none");
        parameters[name] = (await month.Store.RowsAsync(busiest, month.Workspace.Value)).Single()["v"];

        var breakdowns = await month.Twins.AssertSameCsvAsync(OverviewEndpoints.Breakdowns, parameters);
        parameters["tz"] = "UTC";
        var days = await month.Twins.AssertSameCsvAsync(OverviewEndpoints.Days, parameters);

        Assert.True(breakdowns.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length > 1);
        Assert.True(days.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length > 1);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task A_table_export_gives_the_same_rows_in_both_dialects(string set, string table, string filters)
    {
        server.SkipUnlessRunning();
        var browsed = BrowsedTable.Find(table)!;

        await data[set].Twins.AssertSameCsvAsync(browsed.FilterSql, TableFilters(data[set], filters), ordered: false);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_table_page_gives_the_same_rows_in_both_dialects_from_any_cursor(string set, string table, int third)
    {
        server.SkipUnlessRunning();
        var twin = data[set];
        var browsed = BrowsedTable.Find(table)!;
        var count = (long)(await twin.Store.RowsAsync($"SELECT count(*) AS n FROM {table}", twin.Workspace.Value)).Single()["n"]!;
        var offset = count * third / 3;
        var parameters = TableFilters(twin, "none");
        (parameters["after_started"], parameters["after_id"]) = (null, null);
        if (third > 0)
        {
            var cursor = (await twin.Store.RowsAsync(
                $"SELECT {browsed.TimeColumn} AS t, {browsed.IdColumn} AS id FROM {table} ORDER BY 1 DESC, 2 DESC LIMIT 1 OFFSET {offset}",
                twin.Workspace.Value)).Single();
            (parameters["after_started"], parameters["after_id"]) = (cursor["t"], cursor["id"]);
        }

        parameters["limit"] = Math.Max(count / 10, 3);

        var csv = await twin.Twins.AssertSameCsvAsync(browsed.PageSql, parameters);

        Assert.True(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length > 1);
    }

    /// <summary>A named set of report filters, with values <paramref name="set"/>'s data has.</summary>
    private static Dictionary<string, object?> ReportFilters(TwinSet set, string name) => name switch
    {
        "none" => [],
        "new-york-days" => new() { ["tz"] = NewYork },
        "kathmandu-weeks" => new() { ["tz"] = Kathmandu, ["grain"] = "week", ["by"] = "week" },
        "by-conversation" => new() { ["by"] = "conversation" },
        "failed-by-country" => new() { ["by"] = "country", ["delivery_status"] = "Failed" },
        "window-by-line" => new() { ["from"] = set.Sample("from"), ["to"] = set.Sample("to"), ["by"] = "line", ["tz"] = "America/Bogota" },
        "country-inbound-delivered" => new() { ["country"] = set.Sample("country"), ["session_type"] = "INBOUND", ["delivery_status"] = "Delivered" },
        "line-outbound" => new() { ["line"] = set.Sample("line"), ["session_type"] = "OUTBOUND" },
        "conversation" => new() { ["conversation_id"] = set.Sample("conversation_id"), ["conversation_version"] = set.Sample("conversation_version") },
        "nothing" => new() { ["from"] = new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such filter set"),
    };

    /// <summary>The overview's filters from a named set of report filters, every one bound (NULL when not set), as the API binds them.</summary>
    private static Dictionary<string, object?> OverviewFilters(TwinSet set, string name)
    {
        var values = ReportFilters(set, name);
        return s_overviewParameters.ToDictionary(key => key, key => values.GetValueOrDefault(key), StringComparer.Ordinal);
    }

    /// <summary>A named set of table filters, every one the browse takes bound (NULL when not set), as the API binds them.</summary>
    private static Dictionary<string, object?> TableFilters(TwinSet set, string name)
    {
        var parameters = s_browseFilters.ToDictionary(key => key, _ => (object?)null, StringComparer.Ordinal);
        var values = name switch
        {
            "none" => [],
            "country-type-status" => new() { ["country"] = set.Sample("country"), ["type"] = "INBOUND", ["status"] = "BOT" },
            "window-line" => new() { ["from"] = set.Sample("from"), ["to"] = set.Sample("to"), ["line"] = set.Sample("line") },
            "conversation" => ReportFilters(set, "conversation"),
            "nothing" => ReportFilters(set, "nothing"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such filter set"),
        };
        foreach (var (key, value) in values)
        {
            parameters[key] = value;
        }

        return parameters;
    }
}
