using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>The mistakes a newcomer makes first, each answered with what went wrong and what to do instead.</summary>
public sealed class NewcomerErrorTests : IDisposable
{
    private readonly TempFolder _folder = new("ac-newcomer-");

    private Analytics.Result Run(params string[] args) => Analytics.Run(_folder.Path, args);

    [Fact]
    public void Ingest_given_a_directory_says_it_is_a_directory_and_what_to_give()
    {
        var result = Run("ingest", _folder.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"cannot read {_folder.Path}: it is a directory; give its NDJSON files", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quer", "'quer' is not a command of analytics: did you mean query?")]
    [InlineData("stauts", "'stauts' is not a command of analytics: did you mean status?")]
    [InlineData("keys craete", "'craete' is not a command of analytics keys: did you mean create?")]
    [InlineData("demo --event 5", "'--event' is not an option of analytics demo: did you mean --events?")]
    public void A_misspelt_command_or_option_gets_did_you_mean(string line, string hint)
    {
        var result = Run(line.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(hint, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_marks_query_workspace_required_and_gives_the_demo_its_own_default_store()
    {
        Assert.Contains("The workspace (tenant) id (required, unless --server", Run("query", "--help").Output, StringComparison.Ordinal);
        Assert.Contains("for demo, data/demo.duckdb", Run("demo", "--help").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workspace_without_data_is_said_to_have_none_by_query_and_by_keys_create_which_still_makes_the_key()
    {
        var events = Path.Combine(_folder.Path, "events.ndjson");
        File.WriteAllLines(events, [new EventLines("acme").Inbound("12:00:00")]);
        Assert.Equal(0, Run("ingest", events).ExitCode);

        var query = Run("query", "SELECT count(*) AS n FROM sessions WHERE false", "--workspace", "acmee", "--format", "csv");
        var known = Run("query", "SELECT 1 AS n FROM sessions WHERE false", "--workspace", "acme", "--format", "csv");
        var key = Run("keys", "create", "--workspace", "acmee");

        Assert.Equal((0, "n\r\n0\r\n"), (query.ExitCode, query.Output));
        Assert.Equal("note: workspace acmee has no data yet: no event has named it (analytics status lists the workspaces that have data)",
            query.Error.Trim());
        Assert.Equal((0, ""), (known.ExitCode, known.Error));
        Assert.Equal(0, key.ExitCode);
        Assert.Contains("ack_", key.Output, StringComparison.Ordinal);
        Assert.StartsWith("warning: workspace acmee has no data yet", key.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_warns_how_many_events_are_older_than_the_retention_window()
    {
        var acme = new EventLines("acme");
        var now = DateTime.UtcNow;
        var events = Path.Combine(_folder.Path, "backfill.ndjson");
        File.WriteAllLines(events,
        [
            acme.Inbound(now.AddDays(-45).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)),
            acme.Inbound(now.AddDays(-31).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)),
            acme.Inbound(now.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)),
        ]);

        var result = Run("ingest", events);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("3 accepted", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"^warning: 2 events occurred before \S+, more than 30d ago: they are stored, but the next refresh drops them", result.Error);
    }

    [Fact]
    public void Ingest_warns_by_each_workspaces_own_retention_window()
    {
        Assert.Equal(0, Run("workspace", "set", "acme", "--retention", "60d").ExitCode);
        var events = Path.Combine(_folder.Path, "backfill.ndjson");
        File.WriteAllLines(events,
        [
            new EventLines("acme").Inbound(DaysAgo(45)),
            new EventLines("globex").Inbound(DaysAgo(45)),
            new EventLines("globex").Inbound(DaysAgo(1)),
        ]);

        var result = Run("ingest", events);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^warning: 1 events occurred before their workspace's retention window \(30d unless the workspace set its own\)", result.Error);
    }

    private static string DaysAgo(int days) =>
        DateTime.UtcNow.AddDays(-days).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _folder.Dispose();
}
