using AnalyticsCenter.Core.Sessions;

namespace AnalyticsCenter.Core.Tests;

public sealed class InactivityTimeoutTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("45m", 45 * 60)]
    [InlineData("2h", 2 * 3600)]
    [InlineData("1d", 86400)]
    [InlineData("60m", 3600)]
    [InlineData("5M", 300)]
    [InlineData(" 45m ", 45 * 60)]
    public void A_positive_amount_with_a_unit_parses(string text, long seconds)
    {
        Assert.True(InactivityTimeout.TryParse(text, out var timeout));
        Assert.Equal(TimeSpan.FromSeconds(seconds), timeout.Duration);
        Assert.Equal(seconds * 1_000_000, timeout.Micros);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("NONE")]
    [InlineData("None")]
    public void None_parses_in_any_case_as_no_timeout(string text)
    {
        Assert.True(InactivityTimeout.TryParse(text, out var timeout));
        Assert.Equal(InactivityTimeout.None, timeout);
        Assert.Null(timeout.Duration);
        Assert.Null(timeout.Micros);
    }

    [Theory]
    [InlineData("0m")]
    [InlineData("-5m")]
    [InlineData("+5m")]
    [InlineData("5x")]
    [InlineData("5")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("m")]
    [InlineData("1.5h")]
    [InlineData("5 m")]
    [InlineData("366d")]
    [InlineData("nothing")]
    public void Anything_else_is_refused(string? text)
    {
        Assert.False(InactivityTimeout.TryParse(text, out _));
    }

    [Theory]
    [InlineData("90s", "90s")]
    [InlineData("60s", "1m")]
    [InlineData("45m", "45m")]
    [InlineData("120m", "2h")]
    [InlineData("2h", "2h")]
    [InlineData("24h", "1d")]
    [InlineData("1d", "1d")]
    [InlineData("NONE", "none")]
    public void ToString_gives_the_shortest_spelling_that_parses_back_to_the_same_timeout(string text, string expected)
    {
        Assert.True(InactivityTimeout.TryParse(text, out var timeout));

        Assert.Equal(expected, timeout.ToString());
        Assert.True(InactivityTimeout.TryParse(timeout.ToString(), out var again));
        Assert.Equal(timeout, again);
    }

    [Fact]
    public void The_default_is_60_minutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(60), InactivityTimeout.Default.Duration);
        Assert.Equal("1h", InactivityTimeout.Default.ToString());
    }

    [Fact]
    public void Micros_round_trip_and_a_timeout_must_be_positive()
    {
        Assert.Equal(InactivityTimeout.Default, InactivityTimeout.FromMicros(3_600_000_000));
        Assert.Equal(InactivityTimeout.None, InactivityTimeout.FromMicros(null));
        Assert.Throws<ArgumentOutOfRangeException>(() => InactivityTimeout.Of(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => InactivityTimeout.FromMicros(-1));
    }
}
