namespace AnalyticsCenter.Core.Access;

/// <summary>A person of a workspace as the store describes them: never their password hash.</summary>
/// <param name="UserId">Its identifier (16 lowercase hex characters), unique in the store.</param>
/// <param name="Workspace">The workspace the person acts in.</param>
/// <param name="Email">The address they sign in with, trimmed and lowercased; unique in the store.</param>
/// <param name="Role">What they may do.</param>
/// <param name="CreatedAtUtc">When they were added or invited.</param>
/// <param name="HasPassword">Whether they have set a password (an invited person has not until they accept).</param>
public sealed record WorkspaceUser(string UserId, string Workspace, string Email, WorkspaceRole Role, DateTime CreatedAtUtc, bool HasPassword);
