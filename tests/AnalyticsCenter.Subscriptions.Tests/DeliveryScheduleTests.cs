namespace AnalyticsCenter.Subscriptions.Tests;

/// <summary>Schedules read from shorthand or cron, and fall on the workspace's local time across daylight-saving changes.</summary>
public sealed class DeliveryScheduleTests
{
    private static readonly TimeZoneInfo s_madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    private static DateTime Utc(string text) => DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    [Fact]
    public void Daily_at_eight_stays_at_eight_local_time_across_the_spring_change()
    {
        var schedule = DeliverySchedule.Parse("daily 08:00");

        // Madrid is UTC+1 until 2027-03-28 02:00, UTC+2 after.
        var before = schedule.NextAfter(new DateTimeOffset(Utc("2027-03-26 12:00")), s_madrid);
        var over = schedule.NextAfter(before!.Value, s_madrid);
        var after = schedule.NextAfter(over!.Value, s_madrid);

        Assert.Equal(Utc("2027-03-27 07:00"), before.Value.UtcDateTime);
        Assert.Equal(Utc("2027-03-28 06:00"), over!.Value.UtcDateTime);
        Assert.Equal(Utc("2027-03-29 06:00"), after!.Value.UtcDateTime);
    }

    [Fact]
    public void A_local_time_the_clock_skips_runs_at_the_change_and_one_it_passes_twice_runs_once()
    {
        var schedule = DeliverySchedule.Parse("30 2 * * *");

        // 02:30 does not exist in Madrid on 2027-03-28: it runs at the jump (03:00 local, 01:00 UTC).
        Assert.Equal(Utc("2027-03-28 01:00"), schedule.NextAfter(new DateTimeOffset(Utc("2027-03-27 12:00")), s_madrid)!.Value.UtcDateTime);

        // 02:30 happens twice on 2026-10-25 (UTC+2, then UTC+1): one run, the first.
        var slots = new List<DateTime>();
        var at = new DateTimeOffset(Utc("2026-10-24 12:00"));
        while (schedule.NextAfter(at, s_madrid) is { } next && next.UtcDateTime < Utc("2026-10-26 12:00"))
        {
            slots.Add(next.UtcDateTime);
            at = next;
        }

        Assert.Equal([Utc("2026-10-25 00:30"), Utc("2026-10-26 01:30")], slots);
    }

    [Fact]
    public void Weekly_names_its_day_and_the_latest_slot_in_a_window_is_found()
    {
        var schedule = DeliverySchedule.Parse("Weekly MON 08:15");

        var next = schedule.NextAfter(new DateTimeOffset(Utc("2026-11-20 12:00")), s_madrid)!.Value;
        Assert.Equal(DayOfWeek.Monday, next.ToOffset(TimeSpan.FromHours(1)).DayOfWeek);
        Assert.Equal(Utc("2026-11-23 07:15"), schedule.LatestIn(Utc("2026-11-16 07:15"), Utc("2026-11-24 00:00"), s_madrid));
        Assert.Null(schedule.LatestIn(Utc("2026-11-23 07:15"), Utc("2026-11-24 00:00"), s_madrid));
    }

    [Theory]
    [InlineData("daily 25:00")]
    [InlineData("weekly someday 08:00")]
    [InlineData("every morning")]
    [InlineData("")]
    public void Anything_else_is_refused_in_words(string text)
    {
        Assert.False(DeliverySchedule.TryParse(text, out _, out var error));
        Assert.Contains("daily 08:00", error, StringComparison.Ordinal);
    }
}
