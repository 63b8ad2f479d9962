using System.Data.Common;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// Workspace API keys in <c>ac.api_keys</c>, on whichever connection the store hands it: the writer's for create and
/// revoke, a reader's own for list and authenticate. Secrets only pass through: what is stored is a salt and a hash.
/// </summary>
internal sealed class ApiKeyRepository(DuckDBConnection connection, TimeProvider time)
{
    // A fresh id colliding with a stored one takes 2^60 draws to be likely; a few retries make it impossible in practice
    // instead of a primary-key error.
    private const int MaxAttempts = 4;

    public CreatedApiKey Create(WorkspaceId workspace, string name, KeyScope scope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(scope))
        {
            throw new ArgumentOutOfRangeException(nameof(scope), scope, "not a key scope");
        }

        var now = StoredTime.Now(time);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var keyId = ApiKeyFormat.NewKeyId();
            var secret = ApiKeyFormat.NewSecret();
            var salt = ApiKeyHasher.NewSalt();
            var inserted = connection.Execute(
                SqlScripts.Get("Keys/Insert.sql"),
                ("key_id", keyId), ("ws", workspace.Value), ("name", name), ("scope", (byte)scope), ("salt", salt),
                ("hash", ApiKeyHasher.Hash(secret, salt)), ("now", now));
            if (inserted == 1)
            {
                return new CreatedApiKey(new ApiKeyInfo(keyId, workspace.Value, name, scope, now, null), ApiKeyFormat.Format(keyId, secret));
            }
        }

        throw new InvalidOperationException($"could not draw an unused key id in {MaxAttempts} attempts");
    }

    public IReadOnlyList<ApiKeyInfo> List(WorkspaceId? workspace)
    {
        using var command = connection.Prepare(SqlScripts.Get("Keys/List.sql"), ("ws", workspace?.Value));
        using var reader = command.ExecuteReader();
        var keys = new List<ApiKeyInfo>();
        while (reader.Read())
        {
            keys.Add(ReadInfo(reader));
        }

        return keys;
    }

    public bool Revoke(string keyId)
    {
        if (!ApiKeyFormat.IsKeyId(keyId))
        {
            return false;
        }

        var now = StoredTime.Now(time);
        return connection.Execute(SqlScripts.Get("Keys/Revoke.sql"), ("key_id", keyId), ("now", now)) == 1;
    }

    public ApiKeyInfo? Authenticate(string? presentedKey)
    {
        if (ApiKeyFormat.Parse(presentedKey) is not { } presented)
        {
            return null;
        }

        using var command = connection.Prepare(SqlScripts.Get("Keys/Find.sql"), ("key_id", presented.KeyId));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            // Whether an id exists may show in the timing; ids are not secret. What must not leak, the stored hash, is
            // only ever compared in constant time below.
            return null;
        }

        var info = ReadInfo(reader);
        var matches = ApiKeyHasher.Verify(presented.Secret, ReadBytes(reader, 6), ReadBytes(reader, 7));
        return matches && info.IsActive ? info : null;
    }

    /// <summary>Columns 0–5 of List.sql and Find.sql.</summary>
    private static ApiKeyInfo ReadInfo(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        (KeyScope)reader.GetByte(3),
        reader.Utc(4),
        reader.UtcOrNull(5));

    private static byte[] ReadBytes(DbDataReader reader, int ordinal)
    {
        using var stream = reader.GetStream(ordinal);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
