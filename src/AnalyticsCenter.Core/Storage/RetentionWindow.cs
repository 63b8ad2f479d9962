namespace AnalyticsCenter.Core.Storage;

/// <summary>The rolling retention window: a refresh as of T drops what began before T minus it.</summary>
public static class RetentionWindow
{
    /// <summary>The product's window: 30 days.</summary>
    public static TimeSpan Default { get; } = TimeSpan.FromDays(30);

    /// <summary>Where the window starts for a refresh now: events before it are dropped by the next refresh.</summary>
    public static DateTime StartsAt(TimeProvider time) => time.GetUtcNow().UtcDateTime - Default;
}
