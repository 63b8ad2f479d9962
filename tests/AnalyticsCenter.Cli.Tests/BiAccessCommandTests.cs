using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using AnalyticsCenter.TestKit;
using Npgsql;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>
/// <c>analytics bi-access grant|list|revoke</c> through the real program on a PostgreSQL store: the printed URL is a login
/// that psql and Npgsql use to read its own workspace's rows and nothing else; a DuckDB store is refused in words.
/// </summary>
public sealed partial class BiAccessCommandTests(PostgresStore postgres) : IClassFixture<PostgresStore>, IDisposable
{
    private const string Psql = "/usr/lib/postgresql/15/bin/psql";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("ac-bi-").FullName;

    private Analytics.Result Run(params string[] args) => Analytics.Run(_folder, [.. args, "--db", postgres.Url]);

    [GeneratedRegex(@"^postgresql://\S+$", RegexOptions.Multiline)]
    private static partial Regex PrintedUrl();

    /// <summary>acme and globex each with a refreshed session whose first message names its workspace (the tables have no workspace column).</summary>
    private void IngestTwoWorkspaces()
    {
        var file = Path.Combine(_folder, "events.ndjson");
        File.WriteAllLines(file, [new EventLines("acme").Inbound("10:00:00", "from acme"), new EventLines("globex").Inbound("10:00:00", "from globex")]);
        Assert.Equal(0, Run("ingest", file).ExitCode);
        Assert.Equal(0, Run("refresh").ExitCode);
    }

    private string Grant(params string[] args)
    {
        var granted = Run(["bi-access", "grant", .. args]);
        Assert.True(granted.ExitCode == 0, granted.Error);
        var url = PrintedUrl().Match(granted.Output);
        Assert.True(url.Success, granted.Output);
        return url.Value;
    }

    private static NpgsqlConnectionStringBuilder Login(string url)
    {
        var uri = new Uri(url);
        var user = uri.UserInfo.Split(':', 2);
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port,
            Database = uri.AbsolutePath.TrimStart('/'),
            Username = Uri.UnescapeDataString(user[0]),
            Password = Uri.UnescapeDataString(user[1]),
            Pooling = false,
        };
    }

    [Fact]
    public async Task Grant_prints_once_a_url_with_which_npgsql_reads_only_its_own_workspaces_rows_and_writes_nothing()
    {
        IngestTwoWorkspaces();
        var granted = Run("bi-access", "grant", "--workspace", "acme", "--name", "metabase");
        Assert.Equal(0, granted.ExitCode);
        Assert.Single(PrintedUrl().Matches(granted.Output));
        Assert.Contains("granted BI access \"metabase\" to workspace acme", granted.Output, StringComparison.Ordinal);
        Assert.Contains("will not be shown again", granted.Output, StringComparison.Ordinal);
        Assert.Contains("psql \"postgresql://", granted.Output, StringComparison.Ordinal);

        await using var connection = new NpgsqlConnection(Login(PrintedUrl().Match(granted.Output).Value).ConnectionString);
        await connection.OpenAsync(Ct);
        await using (var workspaces = new NpgsqlCommand("SELECT string_agg(DISTINCT first_message, ',') FROM sessions", connection))
        {
            Assert.Equal("from acme", await workspaces.ExecuteScalarAsync(Ct));
        }

        await using var write = new NpgsqlCommand("DELETE FROM sessions", connection);
        await Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync(Ct));
    }

    [Fact]
    public void Psql_connects_with_the_printed_url_and_reads_the_workspaces_tables()
    {
        Assert.SkipUnless(File.Exists(Psql), $"{Psql} is not installed (apt-get install postgresql-client-15)");
        IngestTwoWorkspaces();
        var url = Grant("--workspace", "globex", "--name", "psql-check");

        var psql = Process.Start(new ProcessStartInfo(Psql, [url, "-At", "-c", "SELECT DISTINCT first_message FROM sessions"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = psql.StandardOutput.ReadToEnd();
        var error = psql.StandardError.ReadToEnd();
        psql.WaitForExit();

        Assert.True(psql.ExitCode == 0, error);
        Assert.Equal("from globex", output.Trim());
    }

    [Fact]
    public void The_default_name_is_the_workspace_lowercased_then_made_unique_and_list_never_shows_a_password()
    {
        var first = Grant("--workspace", "Initech");
        var second = Grant("--workspace", "Initech");

        var listed = Run("bi-access", "list", "--format", "json");
        Assert.Equal(0, listed.ExitCode);
        var names = JsonDocument.Parse(listed.Output).RootElement.EnumerateArray()
            .Where(row => row.GetProperty("workspace").GetString() == "Initech").Select(row => row.GetProperty("name").GetString());
        Assert.Equal(["initech-bi", "initech-bi-2"], names);
        foreach (var url in new[] { first, second })
        {
            Assert.DoesNotContain(Login(url).Password!, listed.Output, StringComparison.Ordinal);
        }

        var csv = Run("bi-access", "list", "--format", "csv");
        Assert.StartsWith("name,workspace,role,created", csv.Output, StringComparison.Ordinal);
        Assert.Contains("initech-bi-2,Initech,", csv.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_makes_the_login_unusable_and_an_unknown_name_exits_1()
    {
        var url = Grant("--workspace", "acme", "--name", "to-revoke");

        var revoked = Run("bi-access", "revoke", "to-revoke");
        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains("revoked BI access \"to-revoke\"", revoked.Output, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(Login(url).ConnectionString);
        await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync(Ct));

        var again = Run("bi-access", "revoke", "to-revoke");
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("error: there is no BI access \"to-revoke\" (see analytics bi-access list)", again.Error.Trim());
    }

    [Fact]
    public void A_taken_or_malformed_name_is_refused_in_words()
    {
        Grant("--workspace", "acme", "--name", "twice");

        var taken = Run("bi-access", "grant", "--workspace", "acme", "--name", "twice");
        Assert.Equal((1, "error: BI access \"twice\" already exists; revoke it first or choose another name"), (taken.ExitCode, taken.Error.Trim()));
        var malformed = Run("bi-access", "grant", "--workspace", "acme", "--name", "Power BI");
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("is not 1–63 characters of a-z 0-9 _ -", malformed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grant", "--workspace", "acme")]
    [InlineData("list")]
    [InlineData("revoke", "metabase")]
    public void A_duckdb_store_is_refused_in_one_line_without_creating_a_file(params string[] args)
    {
        var result = Analytics.Run(_folder, ["bi-access", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: BI access needs a PostgreSQL store (--db postgresql://…): a DuckDB file has no network logins", result.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_folder, "data")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
