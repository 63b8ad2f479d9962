using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>Users and their one-time password links in a real store: per workspace, one-time, expiring, kept on reopen.</summary>
public abstract class WorkspaceUserTests(IStoreFactory stores) : StoreTests(stores)
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceId s_globex = WorkspaceId.Parse("globex");

    [Fact]
    public async Task An_added_user_is_listed_for_its_workspace_only_without_a_password_and_survives_reopening()
    {
        var added = await Db.Store.AddUserAsync(s_acme, "  Ana@Example.COM ", WorkspaceRole.Analyst, Ct);
        await Db.ReopenAsync();

        Assert.Equal("ana@example.com", added.Email);
        Assert.False(added.HasPassword);
        Assert.Equal(Db.Time.Now.UtcDateTime, added.CreatedAtUtc);
        Assert.Equal([added], await Db.Store.ListUsersAsync(s_acme, Ct));
        Assert.Empty(await Db.Store.ListUsersAsync(s_globex, Ct));
        Assert.Equal(added, await Db.Store.FindUserAsync(added.UserId, Ct));
        Assert.Equal(new StoredPassword(added, null), await Db.Store.FindPasswordAsync("ANA@example.com", Ct));
    }

    [Fact]
    public async Task An_email_is_taken_once_in_the_whole_store()
    {
        await Db.Store.AddUserAsync(s_acme, "ana@example.com", WorkspaceRole.Viewer, Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Db.Store.AddUserAsync(s_globex, "Ana@example.com", WorkspaceRole.Admin, Ct));
        Assert.Empty(await Db.Store.ListUsersAsync(s_globex, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ana")]
    [InlineData("@example.com")]
    [InlineData("ana@")]
    [InlineData("a@b@c")]
    [InlineData("ana maria@example.com")]
    public async Task A_malformed_email_is_refused_in_words(string email)
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Db.Store.AddUserAsync(s_acme, email, WorkspaceRole.Viewer, Ct));
        Assert.Contains("is not an email address", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await Db.Store.ListUsersAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task Only_the_users_workspace_changes_its_role_or_removes_it()
    {
        var ana = await Db.Store.AddUserAsync(s_acme, "ana@example.com", WorkspaceRole.Viewer, Ct);

        Assert.False(await Db.Store.SetRoleAsync(s_globex, ana.UserId, WorkspaceRole.Admin, Ct));
        Assert.False(await Db.Store.RemoveUserAsync(s_globex, ana.UserId, Ct));
        Assert.True(await Db.Store.SetRoleAsync(s_acme, ana.UserId, WorkspaceRole.Admin, Ct));
        Assert.Equal(WorkspaceRole.Admin, (await Db.Store.FindUserAsync(ana.UserId, Ct))!.Role);
        Assert.True(await Db.Store.RemoveUserAsync(s_acme, ana.UserId, Ct));
        Assert.Null(await Db.Store.FindUserAsync(ana.UserId, Ct));
        Assert.False(await Db.Store.RemoveUserAsync(s_acme, ana.UserId, Ct));
    }

    [Fact]
    public async Task A_password_link_sets_the_password_once()
    {
        var ana = await Db.Store.AddUserAsync(s_acme, "ana@example.com", WorkspaceRole.Viewer, Ct);
        var link = await Db.Store.IssuePasswordLinkAsync(s_acme, ana.UserId, PasswordLinkKind.Invitation, TimeSpan.FromDays(7), Ct);

        Assert.Equal(ana, await Db.Store.FindPasswordLinkAsync(link.Token, Ct));
        var redeemed = await Db.Store.RedeemPasswordLinkAsync(link.Token, "HASH-1", Ct);

        Assert.Equal(ana with { HasPassword = true }, redeemed);
        Assert.Equal("HASH-1", (await Db.Store.FindPasswordAsync(ana.Email, Ct))!.PasswordHash);
        Assert.Null(await Db.Store.FindPasswordLinkAsync(link.Token, Ct));
        Assert.Null(await Db.Store.RedeemPasswordLinkAsync(link.Token, "HASH-2", Ct));
        Assert.Equal("HASH-1", (await Db.Store.FindPasswordAsync(ana.Email, Ct))!.PasswordHash);
    }

    [Fact]
    public async Task An_expired_link_is_refused()
    {
        var ana = await Db.Store.AddUserAsync(s_acme, "ana@example.com", WorkspaceRole.Viewer, Ct);
        var link = await Db.Store.IssuePasswordLinkAsync(s_acme, ana.UserId, PasswordLinkKind.Reset, TimeSpan.FromHours(1), Ct);
        Db.Time.Now = Db.Time.Now.AddHours(1);

        Assert.Null(await Db.Store.FindPasswordLinkAsync(link.Token, Ct));
        Assert.Null(await Db.Store.RedeemPasswordLinkAsync(link.Token, "HASH", Ct));
        Assert.Null((await Db.Store.FindPasswordAsync(ana.Email, Ct))!.PasswordHash);
    }

    [Fact]
    public async Task A_new_link_replaces_the_users_earlier_one_and_removing_the_user_ends_both()
    {
        var ana = await Db.Store.AddUserAsync(s_acme, "ana@example.com", WorkspaceRole.Viewer, Ct);
        var first = await Db.Store.IssuePasswordLinkAsync(s_acme, ana.UserId, PasswordLinkKind.Invitation, TimeSpan.FromDays(7), Ct);
        var second = await Db.Store.IssuePasswordLinkAsync(s_acme, ana.UserId, PasswordLinkKind.Reset, TimeSpan.FromDays(7), Ct);

        Assert.Null(await Db.Store.FindPasswordLinkAsync(first.Token, Ct));
        Assert.Equal(ana, await Db.Store.FindPasswordLinkAsync(second.Token, Ct));
        await Db.Store.RemoveUserAsync(s_acme, ana.UserId, Ct);
        Assert.Null(await Db.Store.RedeemPasswordLinkAsync(second.Token, "HASH", Ct));
    }

    [Fact]
    public async Task A_link_is_issued_only_for_the_workspaces_own_user()
    {
        var ana = await Db.Store.AddUserAsync(s_acme, "ana@example.com", WorkspaceRole.Viewer, Ct);

        await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            Db.Store.IssuePasswordLinkAsync(s_globex, ana.UserId, PasswordLinkKind.Reset, TimeSpan.FromDays(1), Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("abcdefghijklmnopqrstuvwxyz234567")]
    public async Task Whatever_a_client_sends_as_a_token_finds_nothing(string token)
    {
        Assert.Null(await Db.Store.FindPasswordLinkAsync(token, Ct));
        Assert.Null(await Db.Store.RedeemPasswordLinkAsync(token, "HASH", Ct));
    }
}
