using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>Share links in a real store: found by their token while active, refused once expired or revoked, per workspace.</summary>
public abstract class ShareLinkTests(IStoreFactory stores) : StoreTests(stores)
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceId s_globex = WorkspaceId.Parse("globex");

    [Fact]
    public async Task A_link_opens_its_report_until_it_expires_and_survives_reopening()
    {
        var expires = Db.Time.Now.UtcDateTime.AddDays(7);
        var created = await Db.Store.CreateShareLinkAsync(s_acme, "flow-dropoff", "from=2026-01-01", expires, Ct);
        await Db.ReopenAsync();

        Assert.Equal(created.Link, await Db.Store.FindShareLinkAsync(created.Token, Ct));
        Assert.Equal([created.Link], await Db.Store.ListShareLinksAsync(s_acme, Ct));
        Assert.Empty(await Db.Store.ListShareLinksAsync(s_globex, Ct));

        Db.Time.Now = Db.Time.Now.AddDays(7);
        Assert.Null(await Db.Store.FindShareLinkAsync(created.Token, Ct));
    }

    [Fact]
    public async Task A_revoked_link_is_refused_and_only_its_workspace_revokes_it()
    {
        var created = await Db.Store.CreateShareLinkAsync(s_acme, "flow-dropoff", "", Db.Time.Now.UtcDateTime.AddDays(1), Ct);

        Assert.False(await Db.Store.RevokeShareLinkAsync(s_globex, created.Link.Id, Ct));
        Assert.NotNull(await Db.Store.FindShareLinkAsync(created.Token, Ct));
        Assert.True(await Db.Store.RevokeShareLinkAsync(s_acme, created.Link.Id, Ct));
        Assert.False(await Db.Store.RevokeShareLinkAsync(s_acme, created.Link.Id, Ct));

        Assert.Null(await Db.Store.FindShareLinkAsync(created.Token, Ct));
        Assert.Equal([created.Link with { RevokedAtUtc = Db.Time.Now.UtcDateTime }], await Db.Store.ListShareLinksAsync(s_acme, Ct));
    }

    [Fact]
    public async Task Filters_over_the_limit_are_refused() =>
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Db.Store.CreateShareLinkAsync(s_acme, "flow-dropoff", new string('x', ShareLink.MaxFiltersLength + 1), Db.Time.Now.UtcDateTime.AddDays(1), Ct));

    [Theory]
    [InlineData("")]
    [InlineData("ack_abc")]
    [InlineData("abcdefghijklmnopqrstuvwxyz234567")]
    public async Task Whatever_a_client_sends_as_a_token_finds_nothing(string token) =>
        Assert.Null(await Db.Store.FindShareLinkAsync(token, Ct));
}
