using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>Workspace API keys in a real store: only salted hashes kept, revocation, workspaces kept apart, reopening.</summary>
public abstract class ApiKeyTests(IStoreFactory stores) : StoreTests(stores)
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceId s_globex = WorkspaceId.Parse("globex");

    private static byte[] Bytes(System.Data.Common.DbDataReader reader, int ordinal)
    {
        using var stream = reader.GetStream(ordinal);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task A_created_key_authenticates_as_its_workspace_scope_and_name()
    {
        var created = await Db.Store.CreateKeyAsync(s_acme, "dashboard", KeyScope.Read, Ct);

        Assert.Equal(new ApiKeyInfo(created.Info.KeyId, "acme", "dashboard", KeyScope.Read, Db.Time.Now.UtcDateTime, null), created.Info);
        Assert.Equal(ApiKeyFormat.Format(created.Info.KeyId, ApiKeyFormat.Parse(created.Key)!.Secret), created.Key);
        Assert.Equal(created.Info, await Db.Store.AuthenticateAsync(created.Key, Ct));
        Assert.Equal([created.Info], await Db.Store.ListKeysAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task Times_come_from_the_store_clock_to_the_microsecond()
    {
        Db.Time.Now = new DateTimeOffset(2026, 11, 21, 9, 30, 15, TimeSpan.Zero).AddTicks(1_234_567);
        var created = await Db.Store.CreateKeyAsync(s_acme, "k", KeyScope.Admin, Ct);
        Assert.Equal(new DateTime(2026, 11, 21, 9, 30, 15, DateTimeKind.Utc).AddTicks(1_234_560), created.Info.CreatedAtUtc);
        Assert.Equal(DateTimeKind.Utc, created.Info.CreatedAtUtc.Kind);
        Assert.Equal(created.Info, await Db.Store.AuthenticateAsync(created.Key, Ct));
    }

    [Fact]
    public async Task Each_key_gets_its_own_id_secret_and_salt()
    {
        var first = await Db.Store.CreateKeyAsync(s_acme, "k", KeyScope.Read, Ct);
        var second = await Db.Store.CreateKeyAsync(s_acme, "k", KeyScope.Read, Ct);
        Assert.NotEqual(first.Info.KeyId, second.Info.KeyId);
        Assert.NotEqual(ApiKeyFormat.Parse(first.Key)!.Secret, ApiKeyFormat.Parse(second.Key)!.Secret);
        Assert.Equal(first.Info, await Db.Store.AuthenticateAsync(first.Key, Ct));
        Assert.Equal(second.Info, await Db.Store.AuthenticateAsync(second.Key, Ct));
    }

    [Fact]
    public async Task A_revoked_key_no_longer_authenticates_and_stays_listed_with_its_revocation_time()
    {
        var created = await Db.Store.CreateKeyAsync(s_acme, "old", KeyScope.Admin, Ct);
        Db.Time.Now = Db.Time.Now.AddMinutes(1);
        var kept = await Db.Store.CreateKeyAsync(s_acme, "new", KeyScope.Admin, Ct);
        Db.Time.Now = Db.Time.Now.AddHours(2);

        Assert.True(await Db.Store.RevokeKeyAsync(created.Info.KeyId, Ct));
        Assert.Null(await Db.Store.AuthenticateAsync(created.Key, Ct));
        Assert.Equal(kept.Info, await Db.Store.AuthenticateAsync(kept.Key, Ct));
        Assert.False(await Db.Store.RevokeKeyAsync(created.Info.KeyId, Ct));

        var listed = await Db.Store.ListKeysAsync(s_acme, Ct);
        Assert.Equal([created.Info with { RevokedAtUtc = Db.Time.Now.UtcDateTime }, kept.Info], listed);
        Assert.False(listed[0].IsActive);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("")]
    [InlineData("not a key id")]
    [InlineData("ack_aaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Revoking_an_unknown_or_malformed_id_changes_nothing(string keyId)
    {
        var created = await Db.Store.CreateKeyAsync(s_acme, "k", KeyScope.Read, Ct);
        Assert.False(await Db.Store.RevokeKeyAsync(keyId, Ct));
        Assert.Equal(created.Info, await Db.Store.AuthenticateAsync(created.Key, Ct));
    }

    [Fact]
    public async Task A_key_authenticates_as_its_own_workspace_only()
    {
        var acme = await Db.Store.CreateKeyAsync(s_acme, "k", KeyScope.Read, Ct);
        var globex = await Db.Store.CreateKeyAsync(s_globex, "k", KeyScope.Read, Ct);

        Assert.Equal("acme", (await Db.Store.AuthenticateAsync(acme.Key, Ct))!.Workspace);
        Assert.Equal("globex", (await Db.Store.AuthenticateAsync(globex.Key, Ct))!.Workspace);
        Assert.Equal([acme.Info], await Db.Store.ListKeysAsync(s_acme, Ct));
        Assert.Equal([globex.Info], await Db.Store.ListKeysAsync(s_globex, Ct));
        Assert.Empty(await Db.Store.ListKeysAsync(WorkspaceId.Parse("initech"), Ct));

        // One workspace's id with another's secret is no key at all.
        var mixed = ApiKeyFormat.Format(acme.Info.KeyId, ApiKeyFormat.Parse(globex.Key)!.Secret);
        Assert.Null(await Db.Store.AuthenticateAsync(mixed, Ct));
    }

    [Fact]
    public async Task A_right_id_with_a_wrong_secret_does_not_authenticate()
    {
        var created = await Db.Store.CreateKeyAsync(s_acme, "k", KeyScope.Admin, Ct);
        var secret = ApiKeyFormat.Parse(created.Key)!.Secret;
        var oneCharacterOff = secret[..^1] + (secret[^1] == 'a' ? 'b' : 'a');

        Assert.Null(await Db.Store.AuthenticateAsync(ApiKeyFormat.Format(created.Info.KeyId, oneCharacterOff), Ct));
        Assert.Null(await Db.Store.AuthenticateAsync(ApiKeyFormat.Format(created.Info.KeyId, ApiKeyFormat.NewSecret()), Ct));
        Assert.Null(await Db.Store.AuthenticateAsync(ApiKeyFormat.Format(ApiKeyFormat.NewKeyId(), secret), Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ack_")]
    [InlineData("Bearer ack_aaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("'; DROP TABLE ac.api_keys; --")]
    public async Task Malformed_keys_do_not_authenticate(string presented)
    {
        var created = await Db.Store.CreateKeyAsync(s_acme, "k", KeyScope.Read, Ct);
        Assert.Null(await Db.Store.AuthenticateAsync(presented, Ct));
        Assert.Null(await Db.Store.AuthenticateAsync(null!, Ct));
        Assert.Null(await Db.Store.AuthenticateAsync(created.Key.ToUpperInvariant(), Ct));
        Assert.Null(await Db.Store.AuthenticateAsync(created.Key + " ", Ct));
        Assert.Equal(created.Info, await Db.Store.AuthenticateAsync(created.Key, Ct));
    }

    [Fact]
    public async Task Authentication_answers_while_keys_are_being_created()
    {
        var created = await Db.Store.CreateKeyAsync(s_acme, "k", KeyScope.Read, Ct);
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await Db.Store.CreateKeyAsync(s_globex, $"k{i}", KeyScope.Read, Ct);
            }
        }, TestContext.Current.CancellationToken);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(created.Info, await Db.Store.AuthenticateAsync(created.Key, Ct));
        }

        await writer;
        Assert.Equal(51, (await Db.Store.ListKeysAsync(cancellationToken: Ct)).Count);
    }

    [Fact]
    public async Task A_blank_name_or_unknown_scope_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Db.Store.CreateKeyAsync(s_acme, " ", KeyScope.Read, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Db.Store.CreateKeyAsync(s_acme, "k", (KeyScope)9, Ct));
        Assert.Empty(await Db.Store.ListKeysAsync(cancellationToken: Ct));
    }
}
