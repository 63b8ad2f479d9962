namespace AnalyticsCenter.Core.Subscriptions;

/// <summary>How a subscription's results reach people.</summary>
public enum ChannelKind
{
    /// <summary>An email over the configured SMTP server to one or more addresses.</summary>
    Email,

    /// <summary>A signed JSON POST to one URL.</summary>
    Webhook,
}
