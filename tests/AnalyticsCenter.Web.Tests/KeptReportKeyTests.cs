using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Query;
using AnalyticsCenter.Web.Api;

namespace AnalyticsCenter.Web.Tests;

/// <summary>Two requests share a kept answer exactly when they ask for the same thing, whatever characters their filters hold.</summary>
public sealed class KeptReportKeyTests
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly ReportVariant s_report = ReadyReport.InboundSources.For([]);

    private static KeptReportKey Key(Dictionary<string, object?> values, ResultFormat format = ResultFormat.Json) =>
        ReportAnswers.KeyOf(s_acme, s_report, format, s_report.Bind(values));

    [Fact]
    public void Filters_whose_texts_would_run_together_give_different_keys()
    {
        var one = Key(new() { ["country"] = "+57\nline=1", ["line"] = null });
        var other = Key(new() { ["country"] = "+57", ["line"] = "1\nline=" });

        Assert.NotEqual(one, other);
    }

    [Fact]
    public void An_empty_filter_is_not_a_missing_one()
    {
        Assert.NotEqual(Key(new() { ["line"] = "" }), Key(new() { ["line"] = null }));
        Assert.NotEqual(Key(new() { ["line"] = "" }), Key(new()));
    }

    [Fact]
    public void The_same_values_in_another_order_or_format_and_workspace_are_told_apart_only_by_what_differs()
    {
        var from = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(Key(new() { ["from"] = from, ["country"] = "+57" }), Key(new() { ["country"] = "+57", ["from"] = from }));
        Assert.NotEqual(Key(new() { ["from"] = from }), Key(new() { ["from"] = from.AddTicks(10) }));
        Assert.NotEqual(Key(new()), Key(new(), ResultFormat.Csv));
        Assert.NotEqual(Key(new()), ReportAnswers.KeyOf(WorkspaceId.Parse("globex"), s_report, ResultFormat.Json, s_report.Bind()));
    }
}
