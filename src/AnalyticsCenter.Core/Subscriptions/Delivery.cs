namespace AnalyticsCenter.Core.Subscriptions;

/// <summary>One delivery of one subscription's schedule slot: the store keeps one per slot, which is what makes it once.</summary>
/// <param name="SubscriptionId">Whose.</param>
/// <param name="SlotUtc">The scheduled instant it delivers (for <c>run-now</c>, the instant it was asked for).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Attempts">How many times a server claimed it (more than one after a crash).</param>
/// <param name="Reason">Why it failed, or what the receiver said; null when delivered without remark.</param>
/// <param name="ClaimedBy">The server (host/process) that claimed it last.</param>
/// <param name="UpdatedAtUtc">When its status last changed.</param>
public sealed record Delivery(
    string SubscriptionId, DateTime SlotUtc, SendStatus Status, int Attempts, string? Reason, string ClaimedBy, DateTime UpdatedAtUtc)
{
    /// <summary>
    /// The key a receiver deduplicates on: the same for every attempt at this slot (the email's Message-ID, the webhook's
    /// <c>id</c>), different for every other slot.
    /// </summary>
    public string IdempotencyKey => $"{SubscriptionId}-{SlotUtc:yyyyMMdd'T'HHmmss'Z'}";
}
