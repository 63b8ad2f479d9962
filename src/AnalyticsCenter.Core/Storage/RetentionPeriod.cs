using AnalyticsCenter.Core.Sessions;

namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// A workspace's rolling retention window: a refresh as of T drops the rows that began before T minus it, and the events
/// no kept row needs. A positive duration of at most a year.
/// </summary>
public readonly record struct RetentionPeriod
{
    private RetentionPeriod(TimeSpan duration) => Duration = duration;

    /// <summary>The product's window: 30 days.</summary>
    public static RetentionPeriod Default { get; } = new(TimeSpan.FromDays(30));

    /// <summary>The duration.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The duration in microseconds, as the stores keep it.</summary>
    public long Micros => Duration.Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>Whole days, rounded up: what a refresh records of the window it applied.</summary>
    public int Days => (int)Math.Ceiling(Duration.TotalDays);

    /// <summary>A window of <paramref name="duration"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not positive, or longer than a year.</exception>
    public static RetentionPeriod Of(TimeSpan duration) =>
        duration > TimeSpan.Zero && duration <= TimeSpan.FromDays(365)
            ? new(duration)
            : throw new ArgumentOutOfRangeException(nameof(duration), "a retention period must be positive and at most 365 days");

    /// <summary>A stored window; null (none stored) is <paramref name="otherwise"/>.</summary>
    public static RetentionPeriod FromMicros(long? micros, RetentionPeriod otherwise) =>
        micros is { } m ? Of(TimeSpan.FromTicks(m * TimeSpan.TicksPerMicrosecond)) : otherwise;

    /// <summary>Parses <c>30d</c>, <c>90d</c>, <c>12h</c>…</summary>
    public static bool TryParse(string? text, out RetentionPeriod period)
    {
        period = default;
        if (!DurationText.TryParse(text, out var duration))
        {
            return false;
        }

        period = new(duration);
        return true;
    }

    /// <summary>Where the window starts for a refresh as of <paramref name="asOfUtc"/>.</summary>
    public DateTime StartsAt(DateTime asOfUtc) => asOfUtc - Duration;

    /// <summary>The shortest spelling <see cref="TryParse"/> reads back: <c>30d</c>, <c>12h</c>.</summary>
    public override string ToString() => DurationText.Format(Duration);
}
