using AnalyticsCenter.Query;

namespace AnalyticsCenter.Cli;

/// <summary>UTC instants in messages, spelled as in query results; a missing one is "never".</summary>
internal static class TimeText
{
    public static string Of(DateTime utc) => Timestamps.Format(utc);

    public static string Of(DateTime? utc) => utc is { } value ? Of(value) : "never";
}
