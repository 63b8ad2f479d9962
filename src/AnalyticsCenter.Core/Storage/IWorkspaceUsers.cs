using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// The people of each workspace, their roles and password hashes, and the one-time links (invitation, reset) with which
/// they set a password. The store keeps hashes only: of passwords (made by the host), and of link tokens.
/// </summary>
public interface IWorkspaceUsers
{
    /// <summary>Adds a person to <paramref name="workspace"/> with no password yet (they set one through a link).</summary>
    /// <exception cref="ArgumentException">The email is malformed (<see cref="TeamRules.Email"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The role is not one.</exception>
    /// <exception cref="InvalidOperationException">The store already has a user with that email (in any workspace).</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<WorkspaceUser> AddUserAsync(WorkspaceId workspace, string email, WorkspaceRole role, CancellationToken cancellationToken = default);

    /// <summary>Every user, or only <paramref name="workspace"/>'s; by workspace, then email.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<IReadOnlyList<WorkspaceUser>> ListUsersAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default);

    /// <summary>The user with <paramref name="userId"/>, or null (removed, or never was).</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<WorkspaceUser?> FindUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>The user <paramref name="email"/> names (compared as <see cref="TeamRules.Email"/> stores it) with their password hash, or null.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<StoredPassword?> FindPasswordAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>Gives one of <paramref name="workspace"/>'s users <paramref name="role"/>; false when it has no such user.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The role is not one.</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<bool> SetRoleAsync(WorkspaceId workspace, string userId, WorkspaceRole role, CancellationToken cancellationToken = default);

    /// <summary>Removes one of <paramref name="workspace"/>'s users and their links; false when it has no such user.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<bool> RemoveUserAsync(WorkspaceId workspace, string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A one-time link for one of <paramref name="workspace"/>'s users to set a password, good for <paramref name="lifetime"/>;
    /// the user's earlier links stop working.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The workspace has no such user.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The lifetime is not positive.</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<IssuedPasswordLink> IssuePasswordLinkAsync(
        WorkspaceId workspace, string userId, PasswordLinkKind kind, TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>The user whose unused, unexpired link <paramref name="token"/> is, or null. Never throws for what a client sends.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<WorkspaceUser?> FindPasswordLinkAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uses the link <paramref name="token"/> once: when it is unused and unexpired, stores <paramref name="passwordHash"/> as
    /// its user's password and marks the link used, in one step (two concurrent uses: one wins). Null otherwise.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<WorkspaceUser?> RedeemPasswordLinkAsync(string token, string passwordHash, CancellationToken cancellationToken = default);
}
