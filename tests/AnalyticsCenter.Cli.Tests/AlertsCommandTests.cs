using System.Text.RegularExpressions;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Cli.Tests;

/// <summary><c>analytics alerts add|list|history|remove</c> through the real program.</summary>
public sealed partial class AlertsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ac-alerts-").FullName;

    private Analytics.Result Run(params string[] args) => Analytics.Run(_folder, args);

    [GeneratedRegex("added alert ([0-9a-f]{16})")]
    private static partial Regex Added();

    [Fact]
    public async Task A_report_alert_is_added_listed_unchecked_with_an_empty_history_and_removed()
    {
        var events = Path.Combine(_folder, "events.ndjson");
        await File.WriteAllTextAsync(events, new EventLines().Inbound("10:00:00") + "\n", TestContext.Current.CancellationToken);
        Assert.Equal(0, Run("ingest", events).ExitCode);

        var added = Run("alerts", "add", "--workspace", "acme", "--name", "low rate", "--report", "delivery-rate", "--param", "by=week",
            "--metric", "delivery_rate", "--when", "below", "--threshold", "0.9", "--webhook", "http://127.0.0.1:9/hook");
        Assert.Equal(0, added.ExitCode);
        var id = Added().Match(added.Output).Groups[1].Value;
        Assert.Contains("below 0.9", added.Output, StringComparison.Ordinal);
        Assert.Matches("(?m)^[0-9a-f]{64}$", added.Output);

        var listed = Run("alerts", "list");
        Assert.Contains(id, listed.Output, StringComparison.Ordinal);
        Assert.Contains("never", listed.Output, StringComparison.Ordinal);
        Assert.Equal(0, Run("alerts", "history", "--workspace", "acme", "--alert", id).ExitCode);

        Assert.Equal(0, Run("alerts", "remove", "--workspace", "acme", id).ExitCode);
        Assert.Equal(1, Run("alerts", "remove", "--workspace", "acme", id).ExitCode);
        Assert.Contains("no alerts yet", Run("alerts", "list").Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sometimes", "0.9", "--when takes below|above|no_rows")]
    [InlineData("above", null, "need a --threshold")]
    public void A_condition_that_does_not_read_is_refused_in_words(string when, string? threshold, string says)
    {
        string[] args = ["alerts", "add", "--workspace", "acme", "--name", "n", "--report", "delivery-rate", "--when", when, "--email", "a@example.com"];
        var refused = Run(threshold is null ? args : [.. args, "--threshold", threshold]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(says, refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_metric_the_report_does_not_give_is_refused_naming_the_numeric_columns_it_does()
    {
        var refused = Run("alerts", "add", "--workspace", "acme", "--name", "n", "--report", "delivery-rate", "--metric", "group",
            "--when", "below", "--threshold", "0.9", "--email", "a@example.com");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("\"group\" is not a numeric column of Delivery success rate: choose one of deployments, delivered, failed, in_process, delivery_rate",
            refused.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
