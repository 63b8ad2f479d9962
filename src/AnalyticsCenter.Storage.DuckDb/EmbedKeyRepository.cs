using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>Embed keys in <c>ac.embed_keys</c> and used token ids in <c>ac.embed_tokens_used</c>.</summary>
internal sealed class EmbedKeyRepository(DuckDBConnection connection, TimeProvider time)
{
    public CreatedEmbedKey Add(string host, WorkspaceId? workspace)
    {
        var key = new EmbedKey(RandomIds.NewId(), EmbedRules.Host(host), workspace?.Value, StoredTime.Now(time), null);
        var secret = EmbedRules.NewSecret();
        var added = connection.Execute(SqlScripts.Get("Embed/Insert.sql"), ("id", key.KeyId), ("host", key.Host), ("ws", key.Workspace),
            ("secret", secret), ("now", key.CreatedAtUtc), ("max", EmbedRules.MaxActiveKeysPerHost));
        return added == 1 ? new CreatedEmbedKey(key, secret) : throw new InvalidOperationException(EmbedRules.TooManyKeys(key.Host));
    }

    public IReadOnlyList<EmbedKey> List(WorkspaceId? workspace) =>
        ReadAll(SqlScripts.Get("Embed/List.sql"), ("ws", workspace?.Value)).Select(k => k.Key).ToList();

    public bool Revoke(string host, string keyId, WorkspaceId? workspace) => connection.Execute(
        SqlScripts.Get("Embed/Revoke.sql"), ("id", keyId), ("host", host), ("ws", workspace?.Value), ("now", StoredTime.Now(time))) == 1;

    public CreatedEmbedKey? Find(string host, string keyId) =>
        ReadAll(SqlScripts.Get("Embed/Find.sql"), ("id", keyId), ("host", host)).SingleOrDefault();

    public bool Use(string host, string tokenId, DateTime keepUntilUtc)
    {
        connection.Execute(SqlScripts.Get("Embed/ForgetUsed.sql"), ("now", StoredTime.Now(time)));
        return connection.Execute(SqlScripts.Get("Embed/Use.sql"), ("host", host), ("jti", tokenId), ("until", StoredTime.Micros(keepUntilUtc))) == 1;
    }

    private List<CreatedEmbedKey> ReadAll(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Prepare(sql, parameters);
        using var reader = command.ExecuteReader();
        var keys = new List<CreatedEmbedKey>();
        while (reader.Read())
        {
            var key = new EmbedKey(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), StoredTime.Utc(reader, 3),
                reader.IsDBNull(4) ? null : StoredTime.Utc(reader, 4));
            keys.Add(new CreatedEmbedKey(key, reader.FieldCount > 5 ? reader.GetString(5) : ""));
        }

        return keys;
    }
}
