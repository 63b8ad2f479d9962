using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Subscriptions;

namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// Subscriptions and their deliveries. A delivery row per (subscription, slot) is the claim: however many servers share the
/// store, one of them holds a slot at a time, and a slot once delivered or failed is never claimed again.
/// </summary>
public interface ISubscriptions
{
    /// <summary>Keeps a new subscription, with a fresh id and (for a webhook) a fresh signing secret.</summary>
    /// <exception cref="ArgumentException">A blank or overlong name, source, schedule or target.</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<Subscription> AddSubscriptionAsync(NewSubscription subscription, CancellationToken cancellationToken = default);

    /// <summary>Every subscription, or only <paramref name="workspace"/>'s, oldest first.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default);

    /// <summary>Removes one of <paramref name="workspace"/>'s subscriptions and its history; false when it has none with that id.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<bool> RemoveSubscriptionAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims <paramref name="slotUtc"/> of <paramref name="subscription"/> for <paramref name="claimant"/> until
    /// <paramref name="leaseUntilUtc"/>: the delivery, with its attempt count, when the slot had no delivery yet or its last
    /// claimant's lease ran out while still sending (it died); null when another holds it or it is finished.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<Delivery?> TryClaimDeliveryAsync(
        Subscription subscription, DateTime slotUtc, string claimant, DateTime leaseUntilUtc, CancellationToken cancellationToken = default);

    /// <summary>Records how a claimed delivery ended (<see cref="SendStatus.Delivered"/> or <see cref="SendStatus.Failed"/>).</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task FinishDeliveryAsync(
        string subscriptionId, DateTime slotUtc, SendStatus status, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Deliveries still marked sending whose lease ran out before <paramref name="nowUtc"/>: their server died.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<IReadOnlyList<Delivery>> ListAbandonedDeliveriesAsync(DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="limit"/> deliveries of <paramref name="workspace"/> (or of one of its subscriptions), newest slot first.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<IReadOnlyList<Delivery>> ListDeliveriesAsync(
        WorkspaceId workspace, string? subscriptionId, int limit, CancellationToken cancellationToken = default);
}
