namespace AnalyticsCenter.Core.Access;

/// <summary>
/// What a person (or a key acting as one) may do in a workspace; each role includes the ones below it. The numbers are
/// stored and compared; never renumber them.
/// </summary>
public enum WorkspaceRole
{
    /// <summary>Sees the overview, reports and tables.</summary>
    Viewer = 1,

    /// <summary>Also runs SQL in the editor and saves queries.</summary>
    Analyst = 2,

    /// <summary>Also manages users, keys, share links, BI access and settings.</summary>
    Admin = 3,
}
