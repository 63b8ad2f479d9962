using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.WhatsApp;

namespace AnalyticsCenter.Core.Storage;

/// <summary>The WhatsApp lines whose webhooks feed a workspace, and what their deliveries hold besides events.</summary>
public interface IWhatsAppLines
{
    /// <summary>Adds a WhatsApp line, or replaces the settings of the one with its phone number id (its link codes stay).</summary>
    Task SaveLineAsync(WhatsAppLine line, CancellationToken cancellationToken = default);

    /// <summary>Adds (or replaces) a WhatsApp-link code of a configured line; false when no line has <paramref name="phoneNumberId"/>.</summary>
    Task<bool> SaveLinkCodeAsync(string phoneNumberId, WhatsAppLinkCode code, CancellationToken cancellationToken = default);

    /// <summary>Every configured WhatsApp line with its link codes, or only <paramref name="workspace"/>'s; by workspace, then phone number id.</summary>
    Task<IReadOnlyList<WhatsAppLine>> ListLinesAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps what a webhook delivery holds besides events, in one transaction: statuses wait (once each) for the refresh
    /// that finds the deployment naming their message id, which turns them into <c>deployment.status</c> events; parts
    /// that could not be mapped are kept as rejections from <paramref name="source"/>.
    /// </summary>
    Task KeepWebhookDeliveryAsync(
        IReadOnlyList<WhatsAppStatus> statuses, IReadOnlyList<WebhookRejection> rejections, string source, CancellationToken cancellationToken = default);
}
