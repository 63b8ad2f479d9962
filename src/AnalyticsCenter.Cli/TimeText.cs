using System.Globalization;

namespace AnalyticsCenter.Cli;

/// <summary>UTC instants as the tables spell them: ISO 8601 with Z, fractional seconds only when there are some.</summary>
internal static class TimeText
{
    public static string Of(DateTime utc) =>
        utc.ToString(utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string Of(DateTime? utc) => utc is { } value ? Of(value) : "never";
}
