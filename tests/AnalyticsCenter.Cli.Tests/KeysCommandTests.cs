using System.Text.RegularExpressions;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Storage.DuckDb;

namespace AnalyticsCenter.Cli.Tests;

/// <summary><c>analytics keys create|list|revoke</c> through the real program: the key is printed once and never listed.</summary>
public sealed partial class KeysCommandTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("ac-keys-").FullName;

    private Analytics.Result Run(params string[] args) => Analytics.Run(_folder, args);

    private string DatabasePath => Path.Combine(_folder, "data", "analytics.duckdb");

    [GeneratedRegex("^ack_([a-z2-7]{12})_[a-z2-7]{32}$", RegexOptions.Multiline)]
    private static partial Regex PrintedKey();

    private (string Key, string KeyId) Create(params string[] args)
    {
        var result = Run(["keys", "create", .. args]);
        Assert.Equal(0, result.ExitCode);
        var match = PrintedKey().Match(result.Output);
        Assert.True(match.Success, result.Output);
        return (match.Value, match.Groups[1].Value);
    }

    [Fact]
    public async Task Create_prints_the_key_once_with_its_id_and_a_warning_and_the_key_works()
    {
        var result = Run("keys", "create", "--workspace", "acme", "--name", "dashboard", "--scope", "ingest");
        Assert.Equal(0, result.ExitCode);
        // The store is new: the key is made all the same, and the person told that no event has named the workspace yet.
        Assert.StartsWith("warning: workspace acme has no data yet", result.Error, StringComparison.Ordinal);
        var key = PrintedKey().Match(result.Output);
        Assert.True(key.Success, result.Output);
        Assert.Single(PrintedKey().Matches(result.Output));
        Assert.Contains($"created key {key.Groups[1].Value} for workspace acme (scope ingest, name \"dashboard\")", result.Output, StringComparison.Ordinal);
        Assert.Contains("will not be shown again", result.Output, StringComparison.Ordinal);

        using var store = DuckDbStore.Open(DatabasePath, new DuckDbStoreOptions { ReadOnly = true });
        var info = await store.AuthenticateAsync(key.Value, Ct);
        Assert.NotNull(info);
        Assert.Equal(("acme", "dashboard", KeyScope.Ingest, key.Groups[1].Value), (info.Workspace, info.Name, info.Scope, info.KeyId));
    }

    [Fact]
    public async Task Create_defaults_to_a_read_key_named_key()
    {
        var (key, _) = Create("--workspace", "acme");
        using var store = DuckDbStore.Open(DatabasePath, new DuckDbStoreOptions { ReadOnly = true });
        var info = await store.AuthenticateAsync(key, Ct);
        Assert.Equal(("key", KeyScope.Read), (info!.Name, info.Scope));
    }

    [Fact]
    public void List_shows_id_workspace_name_scope_and_times_but_never_the_key()
    {
        var (acmeKey, acmeId) = Create("--workspace", "acme", "--name", "reports", "--scope", "admin");
        var (globexKey, globexId) = Create("--workspace", "globex");

        var all = Run("keys", "list");
        Assert.Equal(0, all.ExitCode);
        foreach (var expected in new[] { "id", "workspace", "name", "scope", "created", "revoked",
            acmeId, globexId, "acme", "globex", "reports", "admin", "read" })
        {
            Assert.Contains(expected, all.Output, StringComparison.Ordinal);
        }

        var only = Run("keys", "list", "--workspace", "globex");
        Assert.Equal(0, only.ExitCode);
        Assert.Contains(globexId, only.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(acmeId, only.Output, StringComparison.Ordinal);

        foreach (var output in new[] { all.Output, only.Output })
        {
            foreach (var key in new[] { acmeKey, globexKey })
            {
                Assert.DoesNotContain(key, output, StringComparison.Ordinal);
                Assert.DoesNotContain(ApiKeyFormat.Parse(key)!.Secret, output, StringComparison.Ordinal);
            }
        }

        var none = Run("keys", "list", "--workspace", "initech");
        Assert.Equal(0, none.ExitCode);
        Assert.Contains("workspace initech has no keys", none.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_stops_a_key_and_a_second_revoke_or_an_unknown_id_fails_with_exit_code_1()
    {
        var (key, keyId) = Create("--workspace", "acme");
        var (keptKey, _) = Create("--workspace", "acme");

        var revoke = Run("keys", "revoke", keyId);
        Assert.Equal(0, revoke.ExitCode);
        Assert.Contains($"revoked key {keyId}", revoke.Output, StringComparison.Ordinal);

        var again = Run("keys", "revoke", keyId);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"key {keyId} was already revoked at 20", again.Error, StringComparison.Ordinal);

        var unknown = Run("keys", "revoke", "aaaaaaaaaaaa");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("there is no key aaaaaaaaaaaa", unknown.Error, StringComparison.Ordinal);

        var list = Run("keys", "list", "--workspace", "acme");
        var revokedRow = list.Output.Split('\n').Single(line => line.Contains(keyId, StringComparison.Ordinal));
        Assert.Equal(2, Regex.Count(revokedRow, @"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"));

        using var store = DuckDbStore.Open(DatabasePath, new DuckDbStoreOptions { ReadOnly = true });
        Assert.Null(await store.AuthenticateAsync(key, Ct));
        Assert.NotNull(await store.AuthenticateAsync(keptKey, Ct));
    }

    [Theory]
    [InlineData("keys", "create", "--workspace", "acme", "--scope", "write")]
    [InlineData("keys", "create", "--workspace", "acme", "--scope", "")]
    [InlineData("keys", "create", "--workspace", "not a workspace")]
    [InlineData("keys", "create", "--workspace", "acme", "--name", " ")]
    [InlineData("keys", "create")]
    [InlineData("keys", "revoke")]
    [InlineData("keys", "list", "--workspace", "a.b")]
    public void Bad_usage_exits_with_code_2_and_creates_no_key(params string[] args)
    {
        var result = Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotMatch(PrintedKey(), result.Output);
    }

    [Fact]
    public void An_unknown_scope_is_named_in_the_message()
    {
        var result = Run("keys", "create", "--workspace", "acme", "--scope", "write");
        Assert.Contains("--scope \"write\" is not read, ingest or admin", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    [Theory]
    [InlineData("keys")]
    [InlineData("keys", "create")]
    [InlineData("keys", "list")]
    [InlineData("keys", "revoke")]
    public void Every_keys_command_has_help(params string[] command)
    {
        var help = Run([.. command, "--help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--db", help.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
