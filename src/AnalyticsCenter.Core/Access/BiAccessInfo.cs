namespace AnalyticsCenter.Core.Access;

/// <summary>A BI tool's database login as the store describes it: never its password, which is not kept.</summary>
/// <param name="Name">The name it was granted under (<c>metabase</c>…), unique in the store; what revoking takes.</param>
/// <param name="Workspace">The workspace whose <c>sessions</c> and <c>deployments</c> it reads.</param>
/// <param name="Role">The database role it logs in as (an opaque name: every role of the server can list role names).</param>
/// <param name="CreatedAtUtc">When it was granted.</param>
public sealed record BiAccessInfo(string Name, string Workspace, string Role, DateTime CreatedAtUtc);
