using System.Globalization;

namespace AnalyticsCenter.Cli;

/// <summary>How fresh a workspace's tables are, in words: "refreshed 2 minutes ago, as of 14:03 UTC".</summary>
internal static class Freshness
{
    public static string Describe(DateTime? refreshedAtUtc, DateTime? asOfUtc, DateTimeOffset now)
    {
        if (refreshedAtUtc is not { } refreshed || asOfUtc is not { } asOf)
        {
            return "never refreshed: run analytics refresh, or serve with --refresh-every";
        }

        // The as-of time alone when it is today's: the date too otherwise, so an old one does not pass for today's.
        var format = asOf.Date == now.UtcDateTime.Date ? "HH:mm" : "yyyy-MM-dd HH:mm";
        return $"refreshed {Ago(now.UtcDateTime - refreshed)}, as of {asOf.ToString(format, CultureInfo.InvariantCulture)} UTC";
    }

    /// <summary>A past duration, rounded down to its largest whole unit: "just now", "2 minutes ago", "3 days ago".</summary>
    public static string Ago(TimeSpan elapsed) => elapsed switch
    {
        { TotalMinutes: < 1 } => "just now",
        { TotalHours: < 2 } => Count((long)elapsed.TotalMinutes, "minute"),
        { TotalDays: < 2 } => Count((long)elapsed.TotalHours, "hour"),
        _ => Count((long)elapsed.TotalDays, "day"),
    };

    private static string Count(long amount, string unit) => $"{amount} {unit}{(amount == 1 ? "" : "s")} ago";
}
