using System.Data.Common;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// Users and their password links in <c>ac.users</c> and <c>ac.password_links</c>, on whichever connection the store
/// hands it: the writer's for changes, a reader's own for lookups.
/// </summary>
internal sealed class UserRepository(DuckDBConnection connection, TimeProvider time)
{
    public WorkspaceUser Add(WorkspaceId workspace, string email, WorkspaceRole role)
    {
        var user = new WorkspaceUser(RandomIds.NewId(), workspace.Value, TeamRules.Email(email), TeamRules.Role(role), StoredTime.Now(time), false);
        var inserted = connection.Execute(SqlScripts.Get("Users/Insert.sql"),
            ("id", user.UserId), ("ws", user.Workspace), ("email", user.Email), ("role", (byte)user.Role), ("now", user.CreatedAtUtc));
        return inserted == 1 ? user : throw new InvalidOperationException($"a user with email {user.Email} already exists");
    }

    public IReadOnlyList<WorkspaceUser> List(WorkspaceId? workspace) => ReadAll(SqlScripts.Get("Users/List.sql"), ("ws", workspace?.Value));

    public WorkspaceUser? Find(string userId) => ReadAll(SqlScripts.Get("Users/Find.sql"), ("id", userId)).SingleOrDefault();

    public StoredPassword? FindPassword(string email)
    {
        using var command = connection.Prepare(SqlScripts.Get("Users/FindPassword.sql"), ("email", email.Trim().ToLowerInvariant()));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoredPassword(Read(reader), reader.IsDBNull(6) ? null : reader.GetString(6)) : null;
    }

    public bool SetRole(WorkspaceId workspace, string userId, WorkspaceRole role) =>
        connection.Execute(SqlScripts.Get("Users/SetRole.sql"), ("id", userId), ("ws", workspace.Value), ("role", (byte)TeamRules.Role(role))) == 1;

    public bool Remove(WorkspaceId workspace, string userId)
    {
        using var transaction = connection.BeginTransaction();
        connection.Execute(SqlScripts.Get("Users/RemoveLinks.sql"), ("id", userId), ("ws", workspace.Value));
        var removed = connection.Execute(SqlScripts.Get("Users/Remove.sql"), ("id", userId), ("ws", workspace.Value)) == 1;
        transaction.Commit();
        return removed;
    }

    public IssuedPasswordLink IssueLink(WorkspaceId workspace, string userId, PasswordLinkKind kind, TimeSpan lifetime)
    {
        var expires = StoredTime.Now(time) + TeamRules.Lifetime(lifetime);
        if (Find(userId) is not { } user || user.Workspace != workspace.Value)
        {
            throw new KeyNotFoundException($"workspace {workspace} has no user {userId}");
        }

        var token = OneTimeTokens.NewToken();
        using var transaction = connection.BeginTransaction();
        connection.Execute(SqlScripts.Get("Users/InsertLink.sql"),
            ("hash", OneTimeTokens.Hash(token)), ("id", userId), ("kind", (byte)kind), ("expires", expires));
        transaction.Commit();
        return new IssuedPasswordLink(user, kind, expires, token);
    }

    public WorkspaceUser? FindLink(string token) => OneTimeTokens.Hash(token) is { } hash
        ? ReadAll(SqlScripts.Get("Users/FindLink.sql"), ("hash", hash), ("now", StoredTime.Now(time))).SingleOrDefault()
        : null;

    public WorkspaceUser? Redeem(string token, string passwordHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        if (OneTimeTokens.Hash(token) is not { } hash)
        {
            return null;
        }

        using var transaction = connection.BeginTransaction();
        var userId = connection.Scalar<string?>(SqlScripts.Get("Users/UseLink.sql"), ("hash", hash), ("now", StoredTime.Now(time)));
        if (userId is null)
        {
            return null;
        }

        connection.Execute(SqlScripts.Get("Users/SetPassword.sql"), ("id", userId), ("password", passwordHash));
        transaction.Commit();
        return Find(userId);
    }

    private List<WorkspaceUser> ReadAll(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Prepare(sql, parameters);
        using var reader = command.ExecuteReader();
        var users = new List<WorkspaceUser>();
        while (reader.Read())
        {
            users.Add(Read(reader));
        }

        return users;
    }

    /// <summary>Columns 0–5 of every user query.</summary>
    private static WorkspaceUser Read(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), (WorkspaceRole)reader.GetByte(3),
        StoredTime.Utc(reader, 4), reader.GetBoolean(5));
}
