namespace AnalyticsCenter.Web.Webhooks;

/// <summary>What <c>POST /webhooks/whatsapp</c> answers once the delivery is stored.</summary>
/// <param name="Accepted">Messages stored as new <c>message.inbound</c> events.</param>
/// <param name="Duplicates">Messages already stored (a retried delivery).</param>
/// <param name="StatusesWaiting">Statuses kept until a refresh finds the deployment naming their message.</param>
/// <param name="Rejected">Parts kept as rejections instead.</param>
/// <param name="Rejections">Why each was rejected.</param>
internal sealed record WebhookAnswer(long Accepted, long Duplicates, int StatusesWaiting, long Rejected, IReadOnlyList<string> Rejections);
