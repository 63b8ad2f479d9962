using System.Security.Cryptography;
using System.Text;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>Workspace API keys in a real store: only salted hashes kept, revocation, workspaces kept apart, reopening.</summary>
public sealed class ApiKeyTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceId s_globex = WorkspaceId.Parse("globex");
    private readonly TestStore _store = new();

    [Fact]
    public async Task A_created_key_authenticates_as_its_workspace_scope_and_name()
    {
        var created = await _store.Store.CreateKeyAsync(s_acme, "dashboard", KeyScope.Read, Ct);

        Assert.Equal(new ApiKeyInfo(created.Info.KeyId, "acme", "dashboard", KeyScope.Read, _store.Time.Now.UtcDateTime, null), created.Info);
        Assert.Equal(ApiKeyFormat.Format(created.Info.KeyId, ApiKeyFormat.Parse(created.Key)!.Secret), created.Key);
        Assert.Equal(created.Info, await _store.Store.AuthenticateAsync(created.Key, Ct));
        Assert.Equal([created.Info], await _store.Store.ListKeysAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task Times_come_from_the_store_clock_to_the_microsecond()
    {
        _store.Time.Now = new DateTimeOffset(2026, 11, 21, 9, 30, 15, TimeSpan.Zero).AddTicks(1_234_567);
        var created = await _store.Store.CreateKeyAsync(s_acme, "k", KeyScope.Admin, Ct);
        Assert.Equal(new DateTime(2026, 11, 21, 9, 30, 15, DateTimeKind.Utc).AddTicks(1_234_560), created.Info.CreatedAtUtc);
        Assert.Equal(DateTimeKind.Utc, created.Info.CreatedAtUtc.Kind);
        Assert.Equal(created.Info, await _store.Store.AuthenticateAsync(created.Key, Ct));
    }

    [Fact]
    public async Task The_store_keeps_neither_the_secret_nor_the_whole_key_only_a_salted_hash()
    {
        var created = await _store.Store.CreateKeyAsync(s_acme, "ingest bot", KeyScope.Ingest, Ct);
        var secret = ApiKeyFormat.Parse(created.Key)!.Secret;
        _store.Store.Dispose();

        using var connection = new DuckDBConnection($"Data Source={_store.DatabasePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT key_id, workspace_id, name, scope::VARCHAR, salt::VARCHAR, hex(salt), hash::VARCHAR, hex(hash), created_at::VARCHAR, " +
            "coalesce(revoked_at::VARCHAR, ''), salt, hash FROM ac.api_keys";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        for (var i = 0; i < 10; i++)
        {
            var text = reader.GetString(i);
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToHexString(Encoding.UTF8.GetBytes(secret)), text, StringComparison.OrdinalIgnoreCase);
        }

        var salt = Bytes(reader, 10);
        var hash = Bytes(reader, 11);
        Assert.Equal(ApiKeyHasher.SaltLength, salt.Length);
        Assert.Equal(SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(secret)]), hash);
        Assert.False(reader.Read());
    }

    [Fact]
    public async Task Each_key_gets_its_own_id_secret_and_salt()
    {
        var first = await _store.Store.CreateKeyAsync(s_acme, "k", KeyScope.Read, Ct);
        var second = await _store.Store.CreateKeyAsync(s_acme, "k", KeyScope.Read, Ct);
        Assert.NotEqual(first.Info.KeyId, second.Info.KeyId);
        Assert.NotEqual(ApiKeyFormat.Parse(first.Key)!.Secret, ApiKeyFormat.Parse(second.Key)!.Secret);
        Assert.Equal(first.Info, await _store.Store.AuthenticateAsync(first.Key, Ct));
        Assert.Equal(second.Info, await _store.Store.AuthenticateAsync(second.Key, Ct));
    }

    [Fact]
    public async Task A_revoked_key_no_longer_authenticates_and_stays_listed_with_its_revocation_time()
    {
        var created = await _store.Store.CreateKeyAsync(s_acme, "old", KeyScope.Admin, Ct);
        _store.Time.Now = _store.Time.Now.AddMinutes(1);
        var kept = await _store.Store.CreateKeyAsync(s_acme, "new", KeyScope.Admin, Ct);
        _store.Time.Now = _store.Time.Now.AddHours(2);

        Assert.True(await _store.Store.RevokeKeyAsync(created.Info.KeyId, Ct));
        Assert.Null(await _store.Store.AuthenticateAsync(created.Key, Ct));
        Assert.Equal(kept.Info, await _store.Store.AuthenticateAsync(kept.Key, Ct));
        Assert.False(await _store.Store.RevokeKeyAsync(created.Info.KeyId, Ct));

        var listed = await _store.Store.ListKeysAsync(s_acme, Ct);
        Assert.Equal([created.Info with { RevokedAtUtc = _store.Time.Now.UtcDateTime }, kept.Info], listed);
        Assert.False(listed[0].IsActive);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("")]
    [InlineData("not a key id")]
    [InlineData("ack_aaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Revoking_an_unknown_or_malformed_id_changes_nothing(string keyId)
    {
        var created = await _store.Store.CreateKeyAsync(s_acme, "k", KeyScope.Read, Ct);
        Assert.False(await _store.Store.RevokeKeyAsync(keyId, Ct));
        Assert.Equal(created.Info, await _store.Store.AuthenticateAsync(created.Key, Ct));
    }

    [Fact]
    public async Task A_key_authenticates_as_its_own_workspace_only()
    {
        var acme = await _store.Store.CreateKeyAsync(s_acme, "k", KeyScope.Read, Ct);
        var globex = await _store.Store.CreateKeyAsync(s_globex, "k", KeyScope.Read, Ct);

        Assert.Equal("acme", (await _store.Store.AuthenticateAsync(acme.Key, Ct))!.Workspace);
        Assert.Equal("globex", (await _store.Store.AuthenticateAsync(globex.Key, Ct))!.Workspace);
        Assert.Equal([acme.Info], await _store.Store.ListKeysAsync(s_acme, Ct));
        Assert.Equal([globex.Info], await _store.Store.ListKeysAsync(s_globex, Ct));
        Assert.Empty(await _store.Store.ListKeysAsync(WorkspaceId.Parse("initech"), Ct));

        // One workspace's id with another's secret is no key at all.
        var mixed = ApiKeyFormat.Format(acme.Info.KeyId, ApiKeyFormat.Parse(globex.Key)!.Secret);
        Assert.Null(await _store.Store.AuthenticateAsync(mixed, Ct));
    }

    [Fact]
    public async Task A_right_id_with_a_wrong_secret_does_not_authenticate()
    {
        var created = await _store.Store.CreateKeyAsync(s_acme, "k", KeyScope.Admin, Ct);
        var secret = ApiKeyFormat.Parse(created.Key)!.Secret;
        var oneCharacterOff = secret[..^1] + (secret[^1] == 'a' ? 'b' : 'a');

        Assert.Null(await _store.Store.AuthenticateAsync(ApiKeyFormat.Format(created.Info.KeyId, oneCharacterOff), Ct));
        Assert.Null(await _store.Store.AuthenticateAsync(ApiKeyFormat.Format(created.Info.KeyId, ApiKeyFormat.NewSecret()), Ct));
        Assert.Null(await _store.Store.AuthenticateAsync(ApiKeyFormat.Format(ApiKeyFormat.NewKeyId(), secret), Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ack_")]
    [InlineData("Bearer ack_aaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("'; DROP TABLE ac.api_keys; --")]
    public async Task Malformed_keys_do_not_authenticate(string presented)
    {
        var created = await _store.Store.CreateKeyAsync(s_acme, "k", KeyScope.Read, Ct);
        Assert.Null(await _store.Store.AuthenticateAsync(presented, Ct));
        Assert.Null(await _store.Store.AuthenticateAsync(null!, Ct));
        Assert.Null(await _store.Store.AuthenticateAsync(created.Key.ToUpperInvariant(), Ct));
        Assert.Null(await _store.Store.AuthenticateAsync(created.Key + " ", Ct));
        Assert.Equal(created.Info, await _store.Store.AuthenticateAsync(created.Key, Ct));
    }

    [Fact]
    public async Task Keys_survive_reopening_and_work_on_a_read_only_store()
    {
        var active = await _store.Store.CreateKeyAsync(s_acme, "k", KeyScope.Ingest, Ct);
        var revoked = await _store.Store.CreateKeyAsync(s_globex, "k", KeyScope.Read, Ct);
        await _store.Store.RevokeKeyAsync(revoked.Info.KeyId, Ct);

        _store.Reopen();
        Assert.Equal(active.Info, await _store.Store.AuthenticateAsync(active.Key, Ct));
        Assert.Null(await _store.Store.AuthenticateAsync(revoked.Key, Ct));

        _store.Store.Dispose();
        using var readOnly = DuckDbStore.Open(_store.DatabasePath, new DuckDbStoreOptions { ReadOnly = true }, _store.Time);
        Assert.Equal(active.Info, await readOnly.AuthenticateAsync(active.Key, Ct));
        Assert.Null(await readOnly.AuthenticateAsync(revoked.Key, Ct));
        Assert.Equal(2, (await readOnly.ListKeysAsync(cancellationToken: Ct)).Count);
    }

    [Fact]
    public async Task A_read_only_store_from_before_keys_existed_has_none()
    {
        _store.Store.Dispose();
        using (var connection = new DuckDBConnection($"Data Source={_store.DatabasePath}"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE ac.api_keys";
            drop.ExecuteNonQuery();
        }

        using var readOnly = DuckDbStore.Open(_store.DatabasePath, new DuckDbStoreOptions { ReadOnly = true }, _store.Time);
        Assert.Empty(await readOnly.ListKeysAsync(cancellationToken: Ct));
        Assert.Null(await readOnly.AuthenticateAsync(ApiKeyFormat.Format(ApiKeyFormat.NewKeyId(), ApiKeyFormat.NewSecret()), Ct));
    }

    [Fact]
    public async Task Authentication_answers_while_keys_are_being_created()
    {
        var created = await _store.Store.CreateKeyAsync(s_acme, "k", KeyScope.Read, Ct);
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await _store.Store.CreateKeyAsync(s_globex, $"k{i}", KeyScope.Read, Ct);
            }
        }, TestContext.Current.CancellationToken);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(created.Info, await _store.Store.AuthenticateAsync(created.Key, Ct));
        }

        await writer;
        Assert.Equal(51, (await _store.Store.ListKeysAsync(cancellationToken: Ct)).Count);
    }

    [Fact]
    public async Task A_blank_name_or_unknown_scope_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.Store.CreateKeyAsync(s_acme, " ", KeyScope.Read, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.Store.CreateKeyAsync(s_acme, "k", (KeyScope)9, Ct));
        Assert.Empty(await _store.Store.ListKeysAsync(cancellationToken: Ct));
    }

    private static byte[] Bytes(System.Data.Common.DbDataReader reader, int ordinal)
    {
        using var stream = reader.GetStream(ordinal);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public void Dispose() => _store.Dispose();
}
