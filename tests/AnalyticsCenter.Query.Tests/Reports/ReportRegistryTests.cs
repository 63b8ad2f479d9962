using System.Text.RegularExpressions;

namespace AnalyticsCenter.Query.Tests.Reports;

/// <summary>The registry: every report is complete, uses exactly its declared parameters, and passes the store's check.</summary>
public sealed partial class ReportRegistryTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    public static TheoryData<string> Names => [.. ReadyReport.All.Select(r => r.Name)];

    [Fact]
    public void The_registry_holds_the_nine_reports_of_the_product_document()
    {
        Assert.Equal(
            ["drop-off", "meta-attribution", "duration-trend", "retention",
                "inbound-sources", "delivery-rate", "failure-reasons", "outbound-funnel", "countries"],
            ReadyReport.All.Select(r => r.Name));
        Assert.All(ReadyReport.All, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Title));
            Assert.False(string.IsNullOrWhiteSpace(r.Description));
            Assert.Same(r, ReadyReport.Find(r.Name));
        });
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_report_declares_exactly_the_parameters_its_sql_uses_and_casts_each(string name)
    {
        var report = ReadyReport.Find(name)!;
        var used = ParameterPattern().Matches(report.Sql).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(report.Parameters.Select(p => p.Name).Order(), used.Order());
        Assert.All(report.Parameters, p => Assert.Contains($"${p.Name}::{p.SqlType}", report.Sql, StringComparison.Ordinal));
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

    [GeneratedRegex(@"\$([a-z_]+)")]
    private static partial Regex ParameterPattern();
}
