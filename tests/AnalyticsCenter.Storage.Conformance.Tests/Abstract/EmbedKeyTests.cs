using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>
/// Embed keys in a real store: two active per host and scope, found with their secret only while active, listed per
/// workspace without it; a token id is accepted once, across a reopening, and forgotten once its time has passed.
/// </summary>
public abstract class EmbedKeyTests(IStoreFactory stores) : StoreTests(stores)
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceId s_globex = WorkspaceId.Parse("globex");

    private IEmbedKeys Keys => (IEmbedKeys)Db.Store;

    [Fact]
    public async Task A_host_keeps_two_active_keys_and_rotates_by_revoking_the_older()
    {
        var first = await Keys.AddEmbedKeyAsync("platform", null, Ct);
        Db.Time.Now = Db.Time.Now.AddSeconds(1);
        var second = await Keys.AddEmbedKeyAsync("platform", null, Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Keys.AddEmbedKeyAsync("platform", null, Ct));

        Db.Time.Now = Db.Time.Now.AddSeconds(1);
        Assert.True(await Keys.RevokeEmbedKeyAsync("platform", first.Key.KeyId, null, Ct));
        Assert.False(await Keys.RevokeEmbedKeyAsync("platform", first.Key.KeyId, null, Ct));
        var third = await Keys.AddEmbedKeyAsync("platform", null, Ct);
        await Db.ReopenAsync();

        Assert.Null(await Keys.FindEmbedKeyAsync("platform", first.Key.KeyId, Ct));
        Assert.Equal(second, await Keys.FindEmbedKeyAsync("platform", second.Key.KeyId, Ct));
        Assert.Equal(third.Secret, (await Keys.FindEmbedKeyAsync("platform", third.Key.KeyId, Ct))?.Secret);
        Assert.Null(await Keys.FindEmbedKeyAsync("other-host", third.Key.KeyId, Ct));
        Assert.NotEqual(second.Secret, third.Secret);
        Assert.Equal(
            [first.Key with { RevokedAtUtc = Db.Time.Now.UtcDateTime }, second.Key, third.Key],
            await Keys.ListEmbedKeysAsync(null, Ct));
    }

    [Fact]
    public async Task A_workspace_sees_and_revokes_only_its_own_keys()
    {
        var any = await Keys.AddEmbedKeyAsync("platform", null, Ct);
        var acme = await Keys.AddEmbedKeyAsync("platform", s_acme, Ct);
        await Keys.AddEmbedKeyAsync("platform", s_acme, Ct);

        Assert.Equal("acme", acme.Key.Workspace);
        Assert.Equal(2, (await Keys.ListEmbedKeysAsync(s_acme, Ct)).Count);
        Assert.Empty(await Keys.ListEmbedKeysAsync(s_globex, Ct));
        Assert.False(await Keys.RevokeEmbedKeyAsync("platform", acme.Key.KeyId, s_globex, Ct));
        Assert.False(await Keys.RevokeEmbedKeyAsync("platform", any.Key.KeyId, s_acme, Ct));
        Assert.True(await Keys.RevokeEmbedKeyAsync("platform", acme.Key.KeyId, s_acme, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a host")]
    [InlineData("host/../x")]
    public async Task A_host_that_is_not_a_name_is_refused(string host) =>
        await Assert.ThrowsAsync<ArgumentException>(() => Keys.AddEmbedKeyAsync(host, null, Ct));

    [Fact]
    public async Task A_token_id_is_accepted_once_until_its_time_passes()
    {
        var until = Db.Time.Now.UtcDateTime.AddMinutes(5);

        Assert.True(await Keys.UseEmbedTokenAsync("platform", "jti-1", until, Ct));
        await Db.ReopenAsync();
        Assert.False(await Keys.UseEmbedTokenAsync("platform", "jti-1", until, Ct));
        Assert.True(await Keys.UseEmbedTokenAsync("other-host", "jti-1", until, Ct));

        Db.Time.Now = Db.Time.Now.AddMinutes(5);
        Assert.True(await Keys.UseEmbedTokenAsync("platform", "jti-1", until.AddMinutes(5), Ct));
    }
}
