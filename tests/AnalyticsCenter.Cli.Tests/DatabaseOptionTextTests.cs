namespace AnalyticsCenter.Cli.Tests;

/// <summary>What the program says about <c>--db</c>: never a password, in help or in a failure to connect.</summary>
public sealed class DatabaseOptionTextTests : IDisposable
{
    private const string Url = "postgresql://ana:s3cret-pw@127.0.0.1:1/analytics";

    private readonly string _folder = Directory.CreateTempSubdirectory("ac-dbtext-").FullName;

    private Analytics.Result RunWithEnvironment(params string[] args) =>
        Analytics.RunWith(_folder, null, new Dictionary<string, string> { ["ANALYTICS_DB"] = Url }, args);

    [Theory]
    [InlineData("--help")]
    [InlineData("status", "--help")]
    [InlineData("bi-access", "grant", "--help")]
    public void Help_never_shows_the_password_analytics_db_holds(params string[] args)
    {
        var help = RunWithEnvironment(args);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--db", help.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_help_says_it_keeps_its_own_file_rather_than_analytics_db()
    {
        var help = RunWithEnvironment("demo", "--help");

        Assert.Contains("$ANALYTICS_DB is not used", help.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_postgresql_is_one_line_naming_host_port_and_database_and_exit_1()
    {
        var result = RunWithEnvironment("status");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("database analytics on PostgreSQL at 127.0.0.1:1", line, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", result.Error + result.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
