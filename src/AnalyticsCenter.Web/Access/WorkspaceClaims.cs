using System.Security.Claims;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Web.Access;

/// <summary>What an authenticated request carries: its key's workspace, scope and id.</summary>
internal static class WorkspaceClaims
{
    public const string Workspace = "ac:workspace";
    public const string Scope = "ac:scope";
    public const string KeyId = "ac:key";

    public static ClaimsPrincipal For(ApiKeyInfo key, string scheme) =>
        new(new ClaimsIdentity(
            [new Claim(Workspace, key.Workspace), new Claim(Scope, key.Scope.ToString()), new Claim(KeyId, key.KeyId)], scheme));

    /// <summary>The caller's workspace: every query of the request runs as it, and only as it.</summary>
    public static WorkspaceId WorkspaceOf(this ClaimsPrincipal user) => WorkspaceId.Parse(user.FindFirstValue(Workspace));

    public static bool Allows(this ClaimsPrincipal user, KeyScope needed) =>
        Enum.TryParse<KeyScope>(user.FindFirstValue(Scope), out var scope) && (scope == KeyScope.Admin || scope == needed);
}
