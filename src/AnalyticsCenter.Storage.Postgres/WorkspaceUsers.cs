using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>Users and their password links in <c>analytics.users</c> and <c>analytics.password_links</c>.</summary>
internal sealed class WorkspaceUsers(NpgsqlDataSource source, TimeProvider time) : IWorkspaceUsers
{
    public async Task<WorkspaceUser> AddUserAsync(WorkspaceId workspace, string email, WorkspaceRole role, CancellationToken cancellationToken = default)
    {
        var user = new WorkspaceUser(RandomIds.NewId(), workspace.Value, TeamRules.Email(email), TeamRules.Role(role), Now(), false);
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync("Users/Insert.sql", cancellationToken,
            ("id", user.UserId), ("ws", user.Workspace), ("email", user.Email), ("role", (short)user.Role), ("now", user.CreatedAtUtc));
        return inserted == 1 ? user : throw new InvalidOperationException($"a user with email {user.Email} already exists");
    }

    public Task<IReadOnlyList<WorkspaceUser>> ListUsersAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default) =>
        ReadAllAsync("Users/List.sql", cancellationToken, ("ws", workspace?.Value));

    public async Task<WorkspaceUser?> FindUserAsync(string userId, CancellationToken cancellationToken = default) =>
        (await ReadAllAsync("Users/Find.sql", cancellationToken, ("id", userId))).SingleOrDefault();

    public async Task<StoredPassword?> FindPasswordAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command("Users/FindPassword.sql", ("email", email.Trim().ToLowerInvariant()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredPassword(Read(reader), reader.StringOrNull(6)) : null;
    }

    public async Task<bool> SetRoleAsync(WorkspaceId workspace, string userId, WorkspaceRole role, CancellationToken cancellationToken = default)
    {
        var checkedRole = TeamRules.Role(role);
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "Users/SetRole.sql", cancellationToken, ("id", userId), ("ws", workspace.Value), ("role", (short)checkedRole)) == 1;
    }

    public async Task<bool> RemoveUserAsync(WorkspaceId workspace, string userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync("Users/Remove.sql", cancellationToken, ("id", userId), ("ws", workspace.Value)) == 1;
    }

    public async Task<IssuedPasswordLink> IssuePasswordLinkAsync(
        WorkspaceId workspace, string userId, PasswordLinkKind kind, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var expires = Now() + TeamRules.Lifetime(lifetime);
        if (await FindUserAsync(userId, cancellationToken) is not { } user || user.Workspace != workspace.Value)
        {
            throw new KeyNotFoundException($"workspace {workspace} has no user {userId}");
        }

        var token = OneTimeTokens.NewToken();
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("Users/InsertLink.sql", cancellationToken,
            ("hash", OneTimeTokens.Hash(token)), ("id", userId), ("kind", (short)kind), ("expires", expires));
        return new IssuedPasswordLink(user, kind, expires, token);
    }

    public async Task<WorkspaceUser?> FindPasswordLinkAsync(string token, CancellationToken cancellationToken = default) =>
        OneTimeTokens.Hash(token) is { } hash
            ? (await ReadAllAsync("Users/FindLink.sql", cancellationToken, ("hash", hash), ("now", Now()))).SingleOrDefault()
            : null;

    public async Task<WorkspaceUser?> RedeemPasswordLinkAsync(string token, string passwordHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        return OneTimeTokens.Hash(token) is { } hash
            ? (await ReadAllAsync("Users/Redeem.sql", cancellationToken, ("hash", hash), ("now", Now()), ("password", passwordHash))).SingleOrDefault()
            : null;
    }

    private async Task<IReadOnlyList<WorkspaceUser>> ReadAllAsync(
        string script, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command(script, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = new List<WorkspaceUser>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(Read(reader));
        }

        return users;
    }

    /// <summary>Columns 0–5 of every user query.</summary>
    private static WorkspaceUser Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), (WorkspaceRole)reader.GetInt16(3), reader.Utc(4), reader.GetBoolean(5));

    private DateTime Now() => StoredTime.Now(time);
}
