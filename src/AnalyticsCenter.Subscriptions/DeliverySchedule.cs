using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;

namespace AnalyticsCenter.Subscriptions;

/// <summary>
/// When a subscription delivers, in its workspace's time zone: <c>daily 08:00</c>, <c>weekly mon 08:00</c>, or a five-field
/// cron expression (minute hour day-of-month month day-of-week), evaluated by Cronos. Across a daylight-saving change a
/// local time the clock skips runs at the change, and one it passes twice runs once, the first time.
/// </summary>
public sealed partial class DeliverySchedule
{
    private readonly CronExpression _cron;

    private DeliverySchedule(CronExpression cron, string text) => (_cron, Text) = (cron, text);

    /// <summary>The schedule as written.</summary>
    public string Text { get; }

    /// <summary>Reads a schedule.</summary>
    /// <exception cref="FormatException">Neither shorthand nor cron; the message says what is accepted.</exception>
    public static DeliverySchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var cron = Shorthand().Match(trimmed) is { Success: true } shorthand ? CronOf(shorthand) : trimmed;
        try
        {
            return new DeliverySchedule(CronExpression.Parse(cron, CronFormat.Standard), trimmed);
        }
        catch (CronFormatException ex)
        {
            throw new FormatException(
                $"\"{text}\" is not a schedule: write \"daily 08:00\", \"weekly mon 08:00\" or a cron expression (minute hour day-of-month month " +
                $"day-of-week): {ex.Message}", ex);
        }
    }

    /// <summary>Whether <paramref name="text"/> is a schedule; the reason when not.</summary>
    public static bool TryParse(string? text, out DeliverySchedule? schedule, out string? error)
    {
        (schedule, error) = (null, null);
        try
        {
            schedule = Parse(text ?? "");
            return true;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>The first slot strictly after <paramref name="instant"/>; null when the schedule names no later one.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant, TimeZoneInfo zone) => _cron.GetNextOccurrence(instant, zone);

    /// <summary>The last slot after <paramref name="afterUtc"/> and at or before <paramref name="untilUtc"/>, in UTC; null when none.</summary>
    public DateTime? LatestIn(DateTime afterUtc, DateTime untilUtc, TimeZoneInfo zone)
    {
        if (untilUtc <= afterUtc)
        {
            return null;
        }

        DateTime? latest = null;
        foreach (var slot in _cron.GetOccurrences(afterUtc, untilUtc, zone, fromInclusive: false, toInclusive: true))
        {
            latest = slot;
        }

        return latest;
    }

    public override string ToString() => Text;

    private static string CronOf(Match shorthand)
    {
        var hour = int.Parse(shorthand.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(shorthand.Groups["minute"].Value, CultureInfo.InvariantCulture);
        var day = shorthand.Groups["day"].Success ? shorthand.Groups["day"].Value.ToUpperInvariant() : "*";
        return $"{minute} {hour} * * {day}";
    }

    [GeneratedRegex(@"^(?:daily|weekly\s+(?<day>mon|tue|wed|thu|fri|sat|sun))\s+(?<hour>[01]?\d|2[0-3]):(?<minute>[0-5]\d)$", RegexOptions.IgnoreCase)]
    private static partial Regex Shorthand();
}
