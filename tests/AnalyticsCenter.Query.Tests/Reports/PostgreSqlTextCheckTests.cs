using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Storage.Postgres;
using AnalyticsCenter.Web.Api;

namespace AnalyticsCenter.Query.Tests.Reports;

/// <summary>
/// Every SQL text the hosts send to a PostgreSQL store, as they send it (the shared filters written in), passes the
/// store's tenant SQL check: the reports (and the readable SQL they open in the editor), the overview's days and
/// breakdowns, and both tables' filter and page queries.
/// </summary>
public sealed class PostgreSqlTextCheckTests
{
    private const int MaxLength = 1_000_000;

    /// <summary>The tables the extras read, as a workspace that uploaded them has them.</summary>
    private static readonly HashSet<string> s_uploads = [.. ReadyReport.All.SelectMany(r => r.Extras).SelectMany(e => e.Uploads).Select(u => u.Name)];

    /// <summary>Parts the reports and extras include, and the currency check ReportVariant runs.</summary>
    private static readonly string[] s_parts =
    [
        "conversion-attribution", "ad-spend-by-source", "meta-attribution-by-period", "meta-attribution-columns", "session-sources", "audience-tag",
        "countries-by-key", "countries-counts", "ad-spend-currencies",
    ];

    public static TheoryData<string> Texts =>
    [
        .. ReadyReport.All.Select(r => $"report {r.Name}"),
        .. ReadyReport.All.Select(r => $"readable {r.Name}"),
        .. ReadyReport.All.SelectMany(r => r.Extras.Select(e => $"extra {e.FileName(r.Name)}")),
        "currencies",
        "overview",
        "breakdowns",
        .. new[] { BrowsedTable.Sessions, BrowsedTable.Deployments }.SelectMany(t => new[] { $"filter {t.Name}", $"page {t.Name}" }),
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_hosts_PostgreSQL_text_passes_the_tenant_SQL_check(string text)
    {
        var refusal = TenantSqlText.Check(Sql(text), MaxLength, out _, s_uploads);
        Assert.True(refusal is null, $"{text}: {refusal}");
    }

    [Fact]
    public void Every_PostgreSQL_SQL_file_of_the_reports_and_the_web_tab_is_among_the_texts_checked()
    {
        var reports = typeof(ReadyReport).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("Reports/PostgreSql/", StringComparison.Ordinal));
        var web = typeof(BrowsedTable).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("Sql/PostgreSql/", StringComparison.Ordinal));
        string[] checkedFiles =
        [
            .. ReadyReport.All.Select(r => $"Reports/PostgreSql/{r.Name}.sql"),
            .. new[] { ReadyReport.DeliveryRate, ReadyReport.DurationTrend, ReadyReport.Retention, ReadyReport.Conversions, ReadyReport.Countries,
                ReadyReport.OutboundFunnel }.Select(r => $"Reports/PostgreSql/{r.Name}.readable.sql"),
            "Reports/PostgreSql/filters-sessions.sql", "Reports/PostgreSql/filters-deployments.sql",
            .. ReadyReport.All.SelectMany(r => r.Extras.Select(e => $"Reports/PostgreSql/{e.FileName(r.Name)}.sql")),
            .. s_parts.Select(part => $"Reports/PostgreSql/{part}.sql"),
            "Sql/PostgreSql/overview.sql", "Sql/PostgreSql/overview-breakdowns.sql", "Sql/PostgreSql/page.sql",
            "Sql/PostgreSql/filter-sessions.sql", "Sql/PostgreSql/filter-deployments.sql",
        ];
        Assert.Equal(checkedFiles.Order(StringComparer.Ordinal), reports.Concat(web).Order(StringComparer.Ordinal));
    }

    /// <summary>The text named <paramref name="text"/>, written as its host writes it.</summary>
    private static string Sql(string text)
    {
        var (kind, name) = (text.Split(' ')[0], text.Split(' ')[^1]);
        return kind switch
        {
            "report" => ReadyReport.Find(name)!.Sql(SqlDialect.PostgreSql),
            "readable" => ReportSqlText.ReadableFor(ReadyReport.Find(name)!.For([]), new Dictionary<string, object?>(), SqlDialect.PostgreSql),
            "extra" => ReadyReport.Sql(SqlDialect.PostgreSql, name),
            "currencies" => ReportSql.Read(SqlDialect.PostgreSql, "ad-spend-currencies"),
            "breakdowns" => OverviewEndpoints.Breakdowns(SqlDialect.PostgreSql),
            "filter" => BrowsedTable.Find(name)!.FilterSql(SqlDialect.PostgreSql),
            "page" => BrowsedTable.Find(name)!.PageSql(SqlDialect.PostgreSql),
            _ => OverviewEndpoints.Days(SqlDialect.PostgreSql),
        };
    }
}
