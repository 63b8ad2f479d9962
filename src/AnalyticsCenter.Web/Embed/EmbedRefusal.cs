using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Web.Embed;

/// <summary>Why an embed token opens nothing: the status and the words of the page the frame shows instead.</summary>
internal sealed record EmbedRefusal(int Status, string Title, string Message)
{
    /// <summary>
    /// The entry for a workspace's audit log, when the refusal can be put in one: a token signed by a known key names its
    /// workspace and person (or the key is for one workspace only). A token no known key signed names nobody worth believing.
    /// </summary>
    public AuditRecord? Audit { get; init; }

    /// <summary>This refusal, logged in <paramref name="workspace"/>'s audit log as <paramref name="who"/>'s (nowhere when null).</summary>
    public EmbedRefusal In(WorkspaceId? workspace, Actor who) => workspace is { } id
        ? this with { Audit = new AuditRecord(id, who, AuditAction.EmbedTokenRefused, who.Id, who.Name, AuditOutcome.Refused, Message) }
        : this;

    public static EmbedRefusal Invalid(string message) => new(StatusCodes.Status401Unauthorized, "This tab could not sign you in", message);

    public static EmbedRefusal Refused(string message) => new(StatusCodes.Status403Forbidden, "This tab refused the sign-in", message);
}
