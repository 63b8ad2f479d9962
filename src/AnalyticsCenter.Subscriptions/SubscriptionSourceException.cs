namespace AnalyticsCenter.Subscriptions;

/// <summary>A subscription's source cannot run: its saved query was deleted, its report is unknown, or its parameters do not fit.</summary>
public sealed class SubscriptionSourceException : Exception
{
    public SubscriptionSourceException()
    {
    }

    public SubscriptionSourceException(string message)
        : base(message)
    {
    }

    public SubscriptionSourceException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
