namespace AnalyticsCenter.Core.Subscriptions;

/// <summary>Where one delivery stands.</summary>
public enum SendStatus
{
    /// <summary>Claimed by a server that is sending it; if its lease runs out first (the server died), another claims it again.</summary>
    Sending,

    /// <summary>Accepted by the SMTP server or the webhook's receiver.</summary>
    Delivered,

    /// <summary>Given up on; the reason says why.</summary>
    Failed,
}
