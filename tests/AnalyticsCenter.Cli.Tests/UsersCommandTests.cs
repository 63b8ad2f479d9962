using System.Text.RegularExpressions;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Storage.DuckDb;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>
/// <c>analytics users add|list|set-role|reset-password|remove</c> through the real program: adding and resetting print a
/// one-time link that the store knows, listing never shows a password, and roles and removal reach the store.
/// </summary>
public sealed partial class UsersCommandTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("ac-users-").FullName;

    private Analytics.Result Run(params string[] args) => Analytics.Run(_folder, args);

    private string DatabasePath => Path.Combine(_folder, "data", "analytics.duckdb");

    [GeneratedRegex(@"^http://127\.0\.0\.1:5080/password/([a-z2-7]{32})$", RegexOptions.Multiline)]
    private static partial Regex PrintedLink();

    private static string Link(Analytics.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var match = PrintedLink().Match(result.Output);
        Assert.True(match.Success, result.Output);
        return match.Groups[1].Value;
    }

    [Fact]
    public async Task Add_prints_an_invitation_link_for_the_new_user_and_list_shows_them_invited()
    {
        var token = Link(Run("users", "add", "--workspace", "acme", "--email", "Ana@Example.com", "--role", "analyst"));

        using (var store = DuckDbStore.Open(DatabasePath, new DuckDbStoreOptions { ReadOnly = true }))
        {
            var user = await store.FindPasswordLinkAsync(token, Ct);
            Assert.Equal(("acme", "ana@example.com", WorkspaceRole.Analyst), (user!.Workspace, user.Email, user.Role));
        }

        var listed = Run("users", "list");
        Assert.Equal(0, listed.ExitCode);
        Assert.Matches(@"ana@example\.com\W+acme\W+analyst\W+invited", listed.Output);
    }

    [Fact]
    public async Task Set_role_reset_password_and_remove_reach_the_store()
    {
        var invitation = Link(Run("users", "add", "--workspace", "acme", "--email", "rob@example.com"));

        Assert.Equal(0, Run("users", "set-role", "--email", "rob@example.com", "--role", "admin").ExitCode);
        var reset = Link(Run("users", "reset-password", "--email", "rob@example.com"));
        using (var store = DuckDbStore.Open(DatabasePath, new DuckDbStoreOptions { ReadOnly = true }))
        {
            Assert.Null(await store.FindPasswordLinkAsync(invitation, Ct));
            Assert.Equal(WorkspaceRole.Admin, (await store.FindPasswordLinkAsync(reset, Ct))!.Role);
        }

        Assert.Equal(0, Run("users", "remove", "--email", "rob@example.com").ExitCode);
        var gone = Run("users", "remove", "--email", "rob@example.com");
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("there is no user rob@example.com", gone.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--email", "not-an-email", "--role", "viewer")]
    [InlineData("--email", "a@example.com", "--role", "owner")]
    public void A_bad_email_or_role_is_a_usage_error(params string[] args)
    {
        var result = Run(["users", "add", "--workspace", "acme", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEmpty(result.Error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
