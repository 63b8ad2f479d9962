using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Audit;

/// <summary>What happened, as the product tells the audit log: the log adds when.</summary>
/// <param name="Workspace">Whose log it goes in.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="Action">What they did.</param>
/// <param name="ObjectId">What it was done to, by id (a saved query's, a key's, a user's); empty for none.</param>
/// <param name="ObjectName">What it was done to, by name; empty for none.</param>
/// <param name="Outcome">Whether it was done or refused.</param>
/// <param name="Detail">Why it was refused, or what changed (a new role, a retention); empty for nothing.</param>
public sealed record AuditRecord(
    WorkspaceId Workspace, Actor Actor, AuditAction Action, string ObjectId = "", string ObjectName = "",
    AuditOutcome Outcome = AuditOutcome.Succeeded, string Detail = "")
{
    /// <summary>The longest object id, name or detail kept; longer text is cut (a refused token's reason can be long).</summary>
    public const int MaxTextLength = 500;

    /// <summary>This record with its texts cut to <see cref="MaxTextLength"/>, so a store never refuses an entry for its length.</summary>
    public AuditRecord Bounded() => this with { ObjectId = Cut(ObjectId), ObjectName = Cut(ObjectName), Detail = Cut(Detail) };

    private static string Cut(string text) => text.Length <= MaxTextLength ? text : text[..MaxTextLength];
}
