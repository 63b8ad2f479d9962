using AnalyticsCenter.Core.Subscriptions;

namespace AnalyticsCenter.Subscriptions;

/// <summary>One way results reach people (email, webhook).</summary>
public interface IDeliveryChannel
{
    /// <summary>Which subscriptions it serves.</summary>
    ChannelKind Kind { get; }

    /// <summary>
    /// Sends <paramref name="result"/> for <paramref name="delivery"/>, retrying as the channel does; the outcome rather than an
    /// exception when the receiver refuses or cannot be reached. Carries <see cref="Delivery.IdempotencyKey"/> so a receiver
    /// given the same slot twice (a crash between sending and recording) can tell.
    /// </summary>
    Task<SendOutcome> SendAsync(Subscription subscription, Delivery delivery, ResultAttachment result, CancellationToken cancellationToken);
}
