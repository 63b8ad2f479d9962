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

    private static byte[] Bytes(System.Data.Common.DbDataReader reader, int ordinal)
    {
        using var stream = reader.GetStream(ordinal);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public void Dispose() => _store.Dispose();

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
}
