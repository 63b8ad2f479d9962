namespace AnalyticsCenter.Core.Access;

/// <summary>A user with the password hash sign-in checks; the hash's format is the web host's (the store only keeps it).</summary>
/// <param name="User">The user.</param>
/// <param name="PasswordHash">The hash, or null while no password was set.</param>
public sealed record StoredPassword(WorkspaceUser User, string? PasswordHash)
{
    // The hash must not end up in logs by way of a record's generated ToString.
    /// <inheritdoc />
    public override string ToString() => $"StoredPassword {{ User = {User} }}";
}
