using AnalyticsCenter.Core.Sessions;
using Cronos;

namespace AnalyticsCenter.Web;

/// <summary>
/// When scheduled refreshes run, in UTC: either every fixed interval aligned to midnight UTC (every 3 hours: 00:00,
/// 03:00, …) or a five-field cron expression (<c>0 */3 * * *</c>), evaluated by Cronos.
/// </summary>
public sealed class RefreshSchedule
{
    private readonly TimeSpan? _every;
    private readonly CronExpression? _cron;
    private readonly string _text;

    private RefreshSchedule(TimeSpan? every, CronExpression? cron, string text) => (_every, _cron, _text) = (every, cron, text);

    /// <summary>Every <paramref name="every"/>, counted from midnight UTC.</summary>
    public static RefreshSchedule Every(TimeSpan every) =>
        every > TimeSpan.Zero
            ? new RefreshSchedule(every, null, $"every {InactivityTimeout.Of(every)}, aligned to UTC")
            : throw new ArgumentOutOfRangeException(nameof(every), every, "a refresh interval must be positive");

    /// <summary>A standard five-field cron expression (minute hour day-of-month month day-of-week), in UTC.</summary>
    /// <exception cref="FormatException">Not a cron expression; the message says why.</exception>
    public static RefreshSchedule Cron(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        try
        {
            return new RefreshSchedule(null, CronExpression.Parse(expression.Trim(), CronFormat.Standard), $"on cron \"{expression.Trim()}\" in UTC");
        }
        catch (CronFormatException ex)
        {
            throw new FormatException($"\"{expression}\" is not a cron expression (minute hour day-of-month month day-of-week): {ex.Message}", ex);
        }
    }

    /// <summary>An interval converts to the schedule of <see cref="Every"/>.</summary>
    public static implicit operator RefreshSchedule(TimeSpan every) => Every(every);

    /// <summary>The first run strictly after <paramref name="now"/>; null when the schedule never runs again.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset now)
    {
        if (_cron is not null)
        {
            return _cron.GetNextOccurrence(now.ToUniversalTime(), TimeZoneInfo.Utc);
        }

        var every = _every!.Value;
        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var slots = ((now - midnight).Ticks / every.Ticks) + 1;
        return midnight + TimeSpan.FromTicks(every.Ticks * slots);
    }

    /// <summary>In words, as <c>serve</c> prints it.</summary>
    public override string ToString() => _text;
}
