namespace AnalyticsCenter.Demo;

/// <summary>How an event's occurred_at is spelled; the instant is the same whatever the style.</summary>
internal enum TimeStyle : byte
{
    /// <summary><c>2026-11-20T14:03:11Z</c>.</summary>
    Utc,

    /// <summary><c>2026-11-20T14:03:11.250Z</c>.</summary>
    UtcFraction,

    /// <summary><c>2026-11-20T09:03:11-05:00</c>.</summary>
    MinusFive,

    /// <summary><c>2026-11-20T08:03:11-06:00</c>.</summary>
    MinusSix,

    /// <summary><c>2026-11-20T11:03:11-03:00</c>.</summary>
    MinusThree,

    /// <summary><c>2026-11-20T15:03:11+01:00</c>.</summary>
    PlusOne,
}
