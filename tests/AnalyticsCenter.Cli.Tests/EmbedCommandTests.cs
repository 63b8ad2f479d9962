using System.Text.RegularExpressions;
using AnalyticsCenter.Storage.DuckDb;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>
/// <c>analytics embed keys add|list|revoke</c> through the real program: the secret is printed once and is the one the
/// store checks tokens with; a host keeps two active keys, and revoking one makes room for the next.
/// </summary>
public sealed partial class EmbedCommandTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("ac-embed-").FullName;

    private Analytics.Result Run(params string[] args) => Analytics.Run(_folder, args);

    [GeneratedRegex("^added embed key ([0-9a-f]{16}) for host platform \\(any workspace\\).*\\n([A-Za-z0-9_-]{43})$", RegexOptions.Multiline)]
    private static partial Regex Added();

    [Fact]
    public async Task Add_prints_the_secret_once_list_never_shows_it_and_a_third_active_key_waits_for_a_revocation()
    {
        var first = Run("embed", "keys", "add", "--host", "platform");
        Assert.Equal(0, first.ExitCode);
        var added = Added().Match(first.Output.ReplaceLineEndings("\n"));
        Assert.True(added.Success, first.Output);
        Assert.Equal(0, Run("embed", "keys", "add", "--host", "platform").ExitCode);
        var third = Run("embed", "keys", "add", "--host", "platform");
        Assert.NotEqual(0, third.ExitCode);
        Assert.Contains("already has 2 active embed keys", third.Error, StringComparison.Ordinal);

        var listed = Run("embed", "keys", "list");
        Assert.Contains(added.Groups[1].Value, listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(added.Groups[2].Value, listed.Output, StringComparison.Ordinal);

        Assert.Equal(0, Run("embed", "keys", "revoke", "--host", "platform", "--key", added.Groups[1].Value).ExitCode);
        Assert.NotEqual(0, Run("embed", "keys", "revoke", "--host", "platform", "--key", added.Groups[1].Value).ExitCode);
        Assert.Equal(0, Run("embed", "keys", "add", "--host", "platform").ExitCode);

        using var store = DuckDbStore.Open(Path.Combine(_folder, "data", "analytics.duckdb"), new DuckDbStoreOptions { ReadOnly = true });
        Assert.Null(await store.FindEmbedKeyAsync("platform", added.Groups[1].Value, Ct));
        Assert.Equal(2, (await store.ListEmbedKeysAsync(null, Ct)).Count(k => k.IsActive));
    }

    [Fact]
    public void A_host_that_is_not_a_name_is_a_usage_error()
    {
        var result = Run("embed", "keys", "add", "--host", "a host");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a host name", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
