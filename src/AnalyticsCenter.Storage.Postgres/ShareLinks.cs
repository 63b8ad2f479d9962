using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>Share links in <c>analytics.share_links</c>, always within one workspace except the lookup by token.</summary>
internal sealed class ShareLinks(NpgsqlDataSource source, TimeProvider time) : IShareLinks
{
    public async Task<CreatedShareLink> CreateShareLinkAsync(
        WorkspaceId workspace, string report, string filters, DateTime expiresAtUtc, CancellationToken cancellationToken = default)
    {
        TeamRules.Share(report, filters);
        var token = OneTimeTokens.NewToken();
        var link = new ShareLink(RandomIds.NewId(), workspace.Value, report, filters, Now(), StoredTime.Micros(expiresAtUtc), null);
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("Shares/Insert.sql", cancellationToken, ("id", link.Id), ("hash", OneTimeTokens.Hash(token)),
            ("ws", link.Workspace), ("report", link.Report), ("filters", link.Filters), ("now", link.CreatedAtUtc), ("expires", link.ExpiresAtUtc));
        return new CreatedShareLink(link, token);
    }

    public Task<IReadOnlyList<ShareLink>> ListShareLinksAsync(WorkspaceId workspace, CancellationToken cancellationToken = default) =>
        ReadAllAsync("Shares/List.sql", cancellationToken, ("ws", workspace.Value));

    public async Task<bool> RevokeShareLinkAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync("Shares/Revoke.sql", cancellationToken, ("id", id), ("ws", workspace.Value), ("now", Now())) == 1;
    }

    public async Task<ShareLink?> FindShareLinkAsync(string token, CancellationToken cancellationToken = default) =>
        OneTimeTokens.Hash(token) is { } hash
            ? (await ReadAllAsync("Shares/Find.sql", cancellationToken, ("hash", hash), ("now", Now()))).SingleOrDefault()
            : null;

    private async Task<IReadOnlyList<ShareLink>> ReadAllAsync(
        string script, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command(script, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var links = new List<ShareLink>();
        while (await reader.ReadAsync(cancellationToken))
        {
            links.Add(new ShareLink(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.Utc(4), reader.Utc(5),
                reader.UtcOrNull(6)));
        }

        return links;
    }

    private DateTime Now() => StoredTime.Now(time);
}
