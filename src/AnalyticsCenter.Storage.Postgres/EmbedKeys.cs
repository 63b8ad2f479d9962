using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// Embed keys in <c>analytics.embed_keys</c> and used token ids in <c>analytics.embed_tokens_used</c>, whose primary key
/// makes a token's first use win on whichever server of the store it reaches.
/// </summary>
internal sealed class EmbedKeys(NpgsqlDataSource source, TimeProvider time) : IEmbedKeys
{
    public async Task<CreatedEmbedKey> AddEmbedKeyAsync(string host, WorkspaceId? workspace, CancellationToken cancellationToken = default)
    {
        var key = new EmbedKey(RandomIds.NewId(), EmbedRules.Host(host), workspace?.Value, Now(), null);
        var secret = EmbedRules.NewSecret();
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        var added = await connection.ExecuteAsync("Embed/Insert.sql", cancellationToken, ("id", key.KeyId), ("host", key.Host), ("ws", key.Workspace),
            ("secret", secret), ("now", key.CreatedAtUtc), ("max", EmbedRules.MaxActiveKeysPerHost));
        return added == 1 ? new CreatedEmbedKey(key, secret) : throw new InvalidOperationException(EmbedRules.TooManyKeys(key.Host));
    }

    public async Task<IReadOnlyList<EmbedKey>> ListEmbedKeysAsync(WorkspaceId? workspace, CancellationToken cancellationToken = default) =>
        (await ReadAllAsync("Embed/List.sql", cancellationToken, ("ws", workspace?.Value))).Select(k => k.Key).ToList();

    public async Task<bool> RevokeEmbedKeyAsync(string host, string keyId, WorkspaceId? workspace, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "Embed/Revoke.sql", cancellationToken, ("id", keyId), ("host", host), ("ws", workspace?.Value), ("now", Now())) == 1;
    }

    public async Task<CreatedEmbedKey?> FindEmbedKeyAsync(string host, string keyId, CancellationToken cancellationToken = default) =>
        (await ReadAllAsync("Embed/Find.sql", cancellationToken, ("id", keyId), ("host", host))).SingleOrDefault();

    public async Task<bool> UseEmbedTokenAsync(string host, string tokenId, DateTime keepUntilUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("Embed/ForgetUsed.sql", cancellationToken, ("now", Now()));
        return await connection.ExecuteAsync(
            "Embed/Use.sql", cancellationToken, ("host", host), ("jti", tokenId), ("until", StoredTime.Micros(keepUntilUtc))) == 1;
    }

    private async Task<List<CreatedEmbedKey>> ReadAllAsync(
        string script, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command(script, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<CreatedEmbedKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new EmbedKey(reader.GetString(0), reader.GetString(1), reader.StringOrNull(2), reader.Utc(3), reader.UtcOrNull(4));
            keys.Add(new CreatedEmbedKey(key, reader.FieldCount > 5 ? reader.GetString(5) : ""));
        }

        return keys;
    }

    private DateTime Now() => StoredTime.Now(time);
}
