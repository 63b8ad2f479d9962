using System.Text.RegularExpressions;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Uploads;

namespace AnalyticsCenter.Query.Tests.Reports;

/// <summary>The registry: every report is complete, uses exactly its declared parameters, and passes the store's check.</summary>
public sealed partial class ReportRegistryTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    public static TheoryData<string> Names => [.. ReadyReport.All.Select(r => r.Name)];

    public static TheoryData<string, SqlDialect> NamesAndDialects =>
        [.. ReadyReport.All.SelectMany(r => Enum.GetValues<SqlDialect>().Select(d => (r.Name, d)))];

    [Fact]
    public void The_registry_holds_the_nine_reports_of_the_product_document_and_conversions()
    {
        Assert.Equal(
            ["drop-off", "meta-attribution", "duration-trend", "retention",
                "inbound-sources", "delivery-rate", "failure-reasons", "outbound-funnel", "countries", "conversions"],
            ReadyReport.All.Select(r => r.Name));
        Assert.All(ReadyReport.All, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Title));
            Assert.False(string.IsNullOrWhiteSpace(r.Description));
            Assert.Same(r, ReadyReport.Find(r.Name));
        });
    }

    [Theory]
    [MemberData(nameof(NamesAndDialects))]
    public void A_report_declares_exactly_the_parameters_its_sql_uses_and_casts_each_to_its_kind_in_every_dialect(string name, SqlDialect dialect)
    {
        var report = ReadyReport.Find(name)!;
        AssertDeclared(report.Sql(dialect), report.Parameters, dialect);
    }

    [Theory]
    [MemberData(nameof(NamesAndDialects))]
    public void Each_extra_with_uploads_declares_exactly_the_parameters_its_sql_uses(string name, SqlDialect dialect)
    {
        var report = ReadyReport.Find(name)!;
        foreach (var extra in report.Extras)
        {
            var uploads = extra.Uploads
                .Select(u => new UploadInfo(u.Name, [.. u.Columns.Select(c => new UploadColumn(c, UploadColumnType.Text))], 1, 1, default))
                .ToList();
            var variant = report.For(uploads);
            Assert.Same(extra, variant.Extra);
            AssertDeclared(variant.Sql(dialect), variant.Parameters, dialect);
        }
    }

    private static void AssertDeclared(string sql, IReadOnlyList<ReportParameter> parameters, SqlDialect dialect)
    {
        var sigil = SqlParameters.Sigil(dialect);
        var used = ParameterPattern().Matches(sql).Where(m => m.Groups[1].Value[0] == sigil).Select(m => m.Groups[2].Value).ToHashSet();
        Assert.Equal(parameters.Select(p => p.Name).Order(), used.Order());
        Assert.All(parameters, p => Assert.Contains($"{sigil}{p.Name}::{CastOf(p.Kind, dialect)}", sql, StringComparison.Ordinal));
        Assert.All(ParameterPattern().Matches(sql), m => Assert.Equal(sigil, m.Groups[1].Value[0]));
    }

    [Fact]
    public void Parameters_are_listed_by_a_kind_no_store_owns()
    {
        Assert.Equal(["timestamp", "timestamp", "text", "integer", "text", "text", "text", "text", "text", "text", "text", "integer", "text"],
            ReportParameter.All.Select(p => p.KindName));
        Assert.Equal([typeof(DateTime), typeof(string), typeof(int)],
            new[] { ReportParameter.From, ReportParameter.Country, ReportParameter.ConversationVersion }.Select(p => p.ClrType));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_report_passes_the_store_check_and_runs_with_every_parameter_null(string name)
    {
        var report = ReadyReport.Find(name)!;
        Assert.All(report.Bind().Values, Assert.Null);
        await fixture.Run(report);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_report_passes_the_store_check_and_runs_with_every_parameter_set(string name)
    {
        var values = new Dictionary<string, object?>
        {
            ["from"] = ReportFixture.Utc("11-01 00:00"),
            ["to"] = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero),
            ["conversation_id"] = "conv_promo",
            ["conversation_version"] = 2,
            ["country"] = "+57",
            ["line"] = ReportFixture.Line1,
            ["session_type"] = "OUTBOUND",
            ["delivery_status"] = "Delivered",
            ["tz"] = "America/Bogota",
            ["grain"] = "week",
            ["by"] = "line",
        };
        var report = ReadyReport.Find(name)!;
        Assert.All(report.Bind(values).Values, Assert.NotNull);
        await fixture.Run(report, values); // meta-attribution and inbound-sources are empty: OUTBOUND promo sessions have neither
    }

    [Fact]
    public void Bind_refuses_unknown_names_and_wrong_types()
    {
        Assert.Throws<ArgumentException>(() => ReadyReport.DropOff.Bind(new Dictionary<string, object?> { ["contry"] = "+57" }));
        Assert.Throws<ArgumentException>(() => ReadyReport.DropOff.Bind(new Dictionary<string, object?> { ["conversation_version"] = "2" }));
    }

    [Fact]
    public void Bind_leaves_out_filters_a_report_does_not_take()
    {
        var bound = ReadyReport.FailureReasons.Bind(new Dictionary<string, object?> { ["delivery_status"] = "Failed", ["country"] = "+57" });
        Assert.False(bound.ContainsKey("delivery_status"));
        Assert.Equal("+57", bound["country"]);
    }

    /// <summary>The type each dialect's SQL casts a kind of parameter to.</summary>
    private static string CastOf(ReportParameterKind kind, SqlDialect dialect) => (kind, dialect) switch
    {
        (ReportParameterKind.Timestamp, SqlDialect.DuckDb) => "TIMESTAMP",
        (ReportParameterKind.Text, SqlDialect.DuckDb) => "VARCHAR",
        (ReportParameterKind.WholeNumber, SqlDialect.DuckDb) => "INTEGER",
        (ReportParameterKind.Timestamp, SqlDialect.PostgreSql) => "timestamp",
        (ReportParameterKind.Text, SqlDialect.PostgreSql) => "text",
        (ReportParameterKind.WholeNumber, SqlDialect.PostgreSql) => "integer",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [GeneratedRegex(@"([$@])([a-z_]+)")]
    private static partial Regex ParameterPattern();
}
