using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>Share links in <c>ac.share_links</c>, always within one workspace except the lookup by token.</summary>
internal sealed class ShareLinkRepository(DuckDBConnection connection, TimeProvider time)
{
    public CreatedShareLink Create(WorkspaceId workspace, string report, string filters, DateTime expiresAtUtc)
    {
        TeamRules.Share(report, filters);
        var token = OneTimeTokens.NewToken();
        var link = new ShareLink(RandomIds.NewId(), workspace.Value, report, filters, StoredTime.Now(time), StoredTime.Micros(expiresAtUtc), null);
        connection.Execute(SqlScripts.Get("Shares/Insert.sql"), ("id", link.Id), ("hash", OneTimeTokens.Hash(token)), ("ws", link.Workspace),
            ("report", link.Report), ("filters", link.Filters), ("now", link.CreatedAtUtc), ("expires", link.ExpiresAtUtc));
        return new CreatedShareLink(link, token);
    }

    public IReadOnlyList<ShareLink> List(WorkspaceId workspace) => ReadAll(SqlScripts.Get("Shares/List.sql"), ("ws", workspace.Value));

    public bool Revoke(WorkspaceId workspace, string id) =>
        connection.Execute(SqlScripts.Get("Shares/Revoke.sql"), ("id", id), ("ws", workspace.Value), ("now", StoredTime.Now(time))) == 1;

    public ShareLink? Find(string token) => OneTimeTokens.Hash(token) is { } hash
        ? ReadAll(SqlScripts.Get("Shares/Find.sql"), ("hash", hash), ("now", StoredTime.Now(time))).SingleOrDefault()
        : null;

    private List<ShareLink> ReadAll(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Prepare(sql, parameters);
        using var reader = command.ExecuteReader();
        var links = new List<ShareLink>();
        while (reader.Read())
        {
            links.Add(new ShareLink(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), StoredTime.Utc(reader, 4), StoredTime.Utc(reader, 5),
                reader.IsDBNull(6) ? null : StoredTime.Utc(reader, 6)));
        }

        return links;
    }
}
