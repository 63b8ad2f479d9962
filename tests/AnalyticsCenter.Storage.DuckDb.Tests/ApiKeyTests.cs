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
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceId s_globex = WorkspaceId.Parse("globex");
    private readonly TestStore _store = new();

    [Fact]
    public void A_created_key_authenticates_as_its_workspace_scope_and_name()
    {
        var created = _store.Store.CreateKey(s_acme, "dashboard", KeyScope.Read);

        Assert.Equal(new ApiKeyInfo(created.Info.KeyId, "acme", "dashboard", KeyScope.Read, _store.Time.Now.UtcDateTime, null), created.Info);
        Assert.Equal(ApiKeyFormat.Format(created.Info.KeyId, ApiKeyFormat.Parse(created.Key)!.Secret), created.Key);
        Assert.Equal(created.Info, _store.Store.Authenticate(created.Key));
        Assert.Equal([created.Info], _store.Store.ListKeys());
    }

    [Fact]
    public void Times_come_from_the_store_clock_to_the_microsecond()
    {
        _store.Time.Now = new DateTimeOffset(2026, 11, 21, 9, 30, 15, TimeSpan.Zero).AddTicks(1_234_567);
        var created = _store.Store.CreateKey(s_acme, "k", KeyScope.Admin);
        Assert.Equal(new DateTime(2026, 11, 21, 9, 30, 15, DateTimeKind.Utc).AddTicks(1_234_560), created.Info.CreatedAtUtc);
        Assert.Equal(DateTimeKind.Utc, created.Info.CreatedAtUtc.Kind);
        Assert.Equal(created.Info, _store.Store.Authenticate(created.Key));
    }

    [Fact]
    public void The_store_keeps_neither_the_secret_nor_the_whole_key_only_a_salted_hash()
    {
        var created = _store.Store.CreateKey(s_acme, "ingest bot", KeyScope.Ingest);
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
    public void Each_key_gets_its_own_id_secret_and_salt()
    {
        var first = _store.Store.CreateKey(s_acme, "k", KeyScope.Read);
        var second = _store.Store.CreateKey(s_acme, "k", KeyScope.Read);
        Assert.NotEqual(first.Info.KeyId, second.Info.KeyId);
        Assert.NotEqual(ApiKeyFormat.Parse(first.Key)!.Secret, ApiKeyFormat.Parse(second.Key)!.Secret);
        Assert.Equal(first.Info, _store.Store.Authenticate(first.Key));
        Assert.Equal(second.Info, _store.Store.Authenticate(second.Key));
    }

    [Fact]
    public void A_revoked_key_no_longer_authenticates_and_stays_listed_with_its_revocation_time()
    {
        var created = _store.Store.CreateKey(s_acme, "old", KeyScope.Admin);
        _store.Time.Now = _store.Time.Now.AddMinutes(1);
        var kept = _store.Store.CreateKey(s_acme, "new", KeyScope.Admin);
        _store.Time.Now = _store.Time.Now.AddHours(2);

        Assert.True(_store.Store.RevokeKey(created.Info.KeyId));
        Assert.Null(_store.Store.Authenticate(created.Key));
        Assert.Equal(kept.Info, _store.Store.Authenticate(kept.Key));
        Assert.False(_store.Store.RevokeKey(created.Info.KeyId));

        var listed = _store.Store.ListKeys(s_acme);
        Assert.Equal([created.Info with { RevokedAtUtc = _store.Time.Now.UtcDateTime }, kept.Info], listed);
        Assert.False(listed[0].IsActive);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("")]
    [InlineData("not a key id")]
    [InlineData("ack_aaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Revoking_an_unknown_or_malformed_id_changes_nothing(string keyId)
    {
        var created = _store.Store.CreateKey(s_acme, "k", KeyScope.Read);
        Assert.False(_store.Store.RevokeKey(keyId));
        Assert.Equal(created.Info, _store.Store.Authenticate(created.Key));
    }

    [Fact]
    public void A_key_authenticates_as_its_own_workspace_only()
    {
        var acme = _store.Store.CreateKey(s_acme, "k", KeyScope.Read);
        var globex = _store.Store.CreateKey(s_globex, "k", KeyScope.Read);

        Assert.Equal("acme", _store.Store.Authenticate(acme.Key)!.Workspace);
        Assert.Equal("globex", _store.Store.Authenticate(globex.Key)!.Workspace);
        Assert.Equal([acme.Info], _store.Store.ListKeys(s_acme));
        Assert.Equal([globex.Info], _store.Store.ListKeys(s_globex));
        Assert.Empty(_store.Store.ListKeys(WorkspaceId.Parse("initech")));

        // One workspace's id with another's secret is no key at all.
        var mixed = ApiKeyFormat.Format(acme.Info.KeyId, ApiKeyFormat.Parse(globex.Key)!.Secret);
        Assert.Null(_store.Store.Authenticate(mixed));
    }

    [Fact]
    public void A_right_id_with_a_wrong_secret_does_not_authenticate()
    {
        var created = _store.Store.CreateKey(s_acme, "k", KeyScope.Admin);
        var secret = ApiKeyFormat.Parse(created.Key)!.Secret;
        var oneCharacterOff = secret[..^1] + (secret[^1] == 'a' ? 'b' : 'a');

        Assert.Null(_store.Store.Authenticate(ApiKeyFormat.Format(created.Info.KeyId, oneCharacterOff)));
        Assert.Null(_store.Store.Authenticate(ApiKeyFormat.Format(created.Info.KeyId, ApiKeyFormat.NewSecret())));
        Assert.Null(_store.Store.Authenticate(ApiKeyFormat.Format(ApiKeyFormat.NewKeyId(), secret)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ack_")]
    [InlineData("Bearer ack_aaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("'; DROP TABLE ac.api_keys; --")]
    public void Malformed_keys_do_not_authenticate(string presented)
    {
        var created = _store.Store.CreateKey(s_acme, "k", KeyScope.Read);
        Assert.Null(_store.Store.Authenticate(presented));
        Assert.Null(_store.Store.Authenticate(null!));
        Assert.Null(_store.Store.Authenticate(created.Key.ToUpperInvariant()));
        Assert.Null(_store.Store.Authenticate(created.Key + " "));
        Assert.Equal(created.Info, _store.Store.Authenticate(created.Key));
    }

    [Fact]
    public void Keys_survive_reopening_and_work_on_a_read_only_store()
    {
        var active = _store.Store.CreateKey(s_acme, "k", KeyScope.Ingest);
        var revoked = _store.Store.CreateKey(s_globex, "k", KeyScope.Read);
        _store.Store.RevokeKey(revoked.Info.KeyId);

        _store.Reopen();
        Assert.Equal(active.Info, _store.Store.Authenticate(active.Key));
        Assert.Null(_store.Store.Authenticate(revoked.Key));

        _store.Store.Dispose();
        using var readOnly = DuckDbStore.Open(_store.DatabasePath, new DuckDbStoreOptions { ReadOnly = true }, _store.Time);
        Assert.Equal(active.Info, readOnly.Authenticate(active.Key));
        Assert.Null(readOnly.Authenticate(revoked.Key));
        Assert.Equal(2, readOnly.ListKeys().Count);
    }

    [Fact]
    public void A_read_only_store_from_before_keys_existed_has_none()
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
        Assert.Empty(readOnly.ListKeys());
        Assert.Null(readOnly.Authenticate(ApiKeyFormat.Format(ApiKeyFormat.NewKeyId(), ApiKeyFormat.NewSecret())));
    }

    [Fact]
    public async Task Authentication_answers_while_keys_are_being_created()
    {
        var created = _store.Store.CreateKey(s_acme, "k", KeyScope.Read);
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                _store.Store.CreateKey(s_globex, $"k{i}", KeyScope.Read);
            }
        }, TestContext.Current.CancellationToken);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(created.Info, _store.Store.Authenticate(created.Key));
        }

        await writer;
        Assert.Equal(51, _store.Store.ListKeys().Count);
    }

    [Fact]
    public void A_blank_name_or_unknown_scope_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _store.Store.CreateKey(s_acme, " ", KeyScope.Read));
        Assert.Throws<ArgumentOutOfRangeException>(() => _store.Store.CreateKey(s_acme, "k", (KeyScope)9));
        Assert.Empty(_store.Store.ListKeys());
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
