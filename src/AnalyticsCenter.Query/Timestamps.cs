namespace AnalyticsCenter.Query;

/// <summary>UTC instants as the tables' contract spells them, for every output (results, messages, reports).</summary>
public static class Timestamps
{
    /// <summary><c>2026-11-20T14:03:11Z</c>, with fractional seconds only when there are some.</summary>
    public static string Format(DateTime utc) => ValueFormatter.FormatTimestamp(utc);
}
