using System.Security.Claims;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Web.Access;

/// <summary>
/// What an authenticated request carries: its workspace and role, and the key or user it is. The name identifier names
/// that key or user, so anti-forgery tokens stay bound to it, not to its other claims: a changed role keeps the page's token.
/// </summary>
internal static class WorkspaceClaims
{
    public const string Workspace = "ac:workspace";
    public const string Scope = "ac:scope";
    public const string KeyId = "ac:key";
    public const string KeyName = "ac:key-name";
    public const string Role = "ac:role";
    public const string UserId = "ac:user";
    public const string Email = "ac:email";

    public static ClaimsPrincipal For(ApiKeyInfo key, string scheme)
    {
        List<Claim> claims =
            [
                new(Workspace, key.Workspace), new(Scope, key.Scope.ToString()), new(KeyId, key.KeyId), new(KeyName, key.Name),
                new(ClaimTypes.NameIdentifier, "key:" + key.KeyId),
            ];
        if (key.Role is { } role)
        {
            claims.Add(new Claim(Role, role.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static ClaimsPrincipal For(WorkspaceUser user, string scheme) =>
        new(new ClaimsIdentity(
            [
                new Claim(Workspace, user.Workspace), new Claim(Role, user.Role.ToString()), new Claim(UserId, user.UserId), new Claim(Email, user.Email),
                new Claim(ClaimTypes.NameIdentifier, "user:" + user.UserId),
            ],
            scheme));

    /// <summary>The caller's workspace: every query of the request runs as it, and only as it.</summary>
    public static WorkspaceId WorkspaceOf(this ClaimsPrincipal user) => WorkspaceId.Parse(user.FindFirstValue(Workspace));

    /// <summary>The caller's role; null for an ingest key, which has none.</summary>
    public static WorkspaceRole? RoleOf(this ClaimsPrincipal user) => Enum.TryParse<WorkspaceRole>(user.FindFirstValue(Role), out var role) ? role : null;

    /// <summary>Whether the caller's role is <paramref name="needed"/> or above.</summary>
    public static bool Has(this ClaimsPrincipal user, WorkspaceRole needed) => user.RoleOf() >= needed;

    /// <summary>Whether the caller is a key whose scope is <paramref name="needed"/> or admin.</summary>
    public static bool Allows(this ClaimsPrincipal user, KeyScope needed) =>
        Enum.TryParse<KeyScope>(user.FindFirstValue(Scope), out var scope) && (scope == KeyScope.Admin || scope == needed);

    /// <summary>Who made the request, for the rate limit: its key or its user.</summary>
    public static string? CallerId(this ClaimsPrincipal user) => user.FindFirstValue(KeyId) ?? user.FindFirstValue(UserId);
}
