namespace AnalyticsCenter.Core.Sessions;

/// <summary>A workspace's inactivity timeout: a positive duration, or none (sessions never expire).</summary>
public readonly record struct InactivityTimeout
{
    private InactivityTimeout(TimeSpan? duration) => Duration = duration;

    /// <summary>The default: 60 minutes.</summary>
    public static InactivityTimeout Default { get; } = new(TimeSpan.FromMinutes(60));

    /// <summary>Sessions never expire.</summary>
    public static InactivityTimeout None { get; } = new(null);

    /// <summary>The duration; null for none.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>The duration in microseconds; null for none.</summary>
    public long? Micros => Duration is { } d ? d.Ticks / TimeSpan.TicksPerMicrosecond : null;

    public static InactivityTimeout Of(TimeSpan duration) =>
        duration > TimeSpan.Zero ? new(duration) : throw new ArgumentOutOfRangeException(nameof(duration), "an inactivity timeout must be positive");

    public static InactivityTimeout FromMicros(long? micros) => micros is { } m ? Of(TimeSpan.FromTicks(m * TimeSpan.TicksPerMicrosecond)) : None;

    /// <summary>Parses <c>90s</c>, <c>45m</c>, <c>2h</c>, <c>1d</c> or <c>none</c>.</summary>
    public static bool TryParse(string? text, out InactivityTimeout timeout)
    {
        timeout = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            timeout = None;
            return true;
        }

        if (!DurationText.TryParse(text, out var duration))
        {
            return false;
        }

        timeout = new(duration);
        return true;
    }

    /// <summary>The shortest spelling <see cref="TryParse"/> reads back: <c>45m</c>, <c>2h</c>, <c>none</c>.</summary>
    public override string ToString() => Duration is { } d ? DurationText.Format(d) : "none";
}
