namespace AnalyticsCenter.Core.WhatsApp;

/// <summary>What one webhook delivery became: event lines by workspace, statuses awaiting their deployment, rejections.</summary>
/// <param name="Events">The <c>message.inbound</c> event lines, grouped by the workspace of their line.</param>
/// <param name="Statuses">The statuses, to be matched to deployments by message id.</param>
/// <param name="Rejections">The parts that could not be mapped, with their raw text.</param>
public sealed record WhatsAppMapping(
    IReadOnlyList<WorkspaceEventLines> Events, IReadOnlyList<WhatsAppStatus> Statuses, IReadOnlyList<WebhookRejection> Rejections)
{
    /// <summary>All event lines.</summary>
    public int EventCount => Events.Sum(e => e.Lines.Count);
}
