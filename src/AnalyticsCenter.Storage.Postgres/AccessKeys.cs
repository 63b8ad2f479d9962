using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>Workspace API keys in <c>analytics.api_keys</c>. Secrets only pass through: what is stored is a salt and a hash.</summary>
internal sealed class AccessKeys(NpgsqlDataSource source, TimeProvider time) : IAccessKeys
{
    // A fresh id colliding with a stored one takes 2^60 draws to be likely; a few retries make it impossible in practice
    // instead of a primary-key error.
    private const int MaxAttempts = 4;

    public async Task<CreatedApiKey> CreateKeyAsync(WorkspaceId workspace, string name, KeyScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(scope))
        {
            throw new ArgumentOutOfRangeException(nameof(scope), scope, "not a key scope");
        }

        var now = StoredTime.Now(time);
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var keyId = ApiKeyFormat.NewKeyId();
            var secret = ApiKeyFormat.NewSecret();
            var salt = ApiKeyHasher.NewSalt();
            var inserted = await connection.ExecuteAsync("Keys/Insert.sql", cancellationToken,
                ("key_id", keyId), ("ws", workspace.Value), ("name", name), ("scope", (short)scope), ("salt", salt),
                ("hash", ApiKeyHasher.Hash(secret, salt)), ("now", now));
            if (inserted == 1)
            {
                return new CreatedApiKey(new ApiKeyInfo(keyId, workspace.Value, name, scope, now, null), ApiKeyFormat.Format(keyId, secret));
            }
        }

        throw new InvalidOperationException($"could not draw an unused key id in {MaxAttempts} attempts");
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command("Keys/List.sql", ("ws", workspace?.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(ReadInfo(reader));
        }

        return keys;
    }

    public async Task<bool> RevokeKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        if (!ApiKeyFormat.IsKeyId(keyId))
        {
            return false;
        }

        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync("Keys/Revoke.sql", cancellationToken,
            ("key_id", keyId), ("now", StoredTime.Now(time))) == 1;
    }

    public async Task<ApiKeyInfo?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken = default)
    {
        if (ApiKeyFormat.Parse(presentedKey) is not { } presented)
        {
            return null;
        }

        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command("Keys/Find.sql", ("key_id", presented.KeyId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            // Whether an id exists may show in the timing; ids are not secret. What must not leak, the stored hash, is
            // only ever compared in constant time below.
            return null;
        }

        var info = ReadInfo(reader);
        var matches = ApiKeyHasher.Verify(presented.Secret, reader.GetFieldValue<byte[]>(6), reader.GetFieldValue<byte[]>(7));
        return matches && info.IsActive ? info : null;
    }

    /// <summary>Columns 0–5 of List.sql and Find.sql.</summary>
    private static ApiKeyInfo ReadInfo(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), (KeyScope)reader.GetInt16(3), reader.Utc(4), reader.UtcOrNull(5));
}
