using AnalyticsCenter.Core.Access;
using Microsoft.AspNetCore.Authorization;

namespace AnalyticsCenter.Web.Access;

/// <summary>
/// One authorization policy per role, each admitting that role and those above it; plus ingest, which only keys with the
/// ingest or admin scope have. Endpoints and pages name the policy of the least role they need, so the server refuses
/// (403) what a role may not do, whatever the page shows.
/// </summary>
internal static class RolePolicies
{
    public const string Ingest = "ingest";

    public static string For(WorkspaceRole role) => role.ToString().ToLowerInvariant();

    public static AuthorizationBuilder AddRolePolicies(this AuthorizationBuilder builder)
    {
        foreach (var role in Enum.GetValues<WorkspaceRole>())
        {
            builder.AddPolicy(For(role), policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.Has(role)));
        }

        return builder.AddPolicy(Ingest, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.Allows(KeyScope.Ingest)));
    }
}
