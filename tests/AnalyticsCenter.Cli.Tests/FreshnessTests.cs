namespace AnalyticsCenter.Cli.Tests;

/// <summary>How <c>status</c> says how fresh the tables are.</summary>
public sealed class FreshnessTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 20, 14, 5, 40, TimeSpan.Zero);

    [Fact]
    public void A_refresh_two_minutes_ago_is_said_with_its_as_of_time_of_day() =>
        Assert.Equal("refreshed 2 minutes ago, as of 14:03 UTC",
            Freshness.Describe(Utc(2026, 11, 20, 14, 3, 5), Utc(2026, 11, 20, 14, 3, 0), s_now));

    [Fact]
    public void An_as_of_time_of_another_day_is_said_with_its_date() =>
        Assert.Equal("refreshed 3 days ago, as of 2026-11-17 12:00 UTC",
            Freshness.Describe(Utc(2026, 11, 17, 12, 0, 30), Utc(2026, 11, 17, 12, 0, 0), s_now));

    [Fact]
    public void A_workspace_never_refreshed_says_how_to_refresh() =>
        Assert.StartsWith("never refreshed", Freshness.Describe(null, null, s_now), StringComparison.Ordinal);

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(59, "just now")]
    [InlineData(60, "1 minute ago")]
    [InlineData(119 * 60, "119 minutes ago")]
    [InlineData(2 * 3600, "2 hours ago")]
    [InlineData(47 * 3600, "47 hours ago")]
    [InlineData(48 * 3600, "2 days ago")]
    public void Elapsed_time_is_said_in_its_largest_whole_unit(int seconds, string expected) =>
        Assert.Equal(expected, Freshness.Ago(TimeSpan.FromSeconds(seconds)));

    private static DateTime Utc(int year, int month, int day, int hour, int minute, int second) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);
}
