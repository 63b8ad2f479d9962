using System.Globalization;
using System.Text;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Tests;

public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData("2026-11-20T14:03:11Z", "2026-11-20T14:03:11.0000000Z")]
    [InlineData("2026-11-20T14:03:11z", "2026-11-20T14:03:11.0000000Z")]
    [InlineData("2026-11-20t14:03:11Z", "2026-11-20T14:03:11.0000000Z")]
    [InlineData("2026-11-20T14:03:11+00:00", "2026-11-20T14:03:11.0000000Z")]
    [InlineData("2026-11-20T14:03:11-00:00", "2026-11-20T14:03:11.0000000Z")]
    [InlineData("2026-11-20T09:03:11-05:00", "2026-11-20T14:03:11.0000000Z")]
    [InlineData("2026-11-20T19:33:11+05:30", "2026-11-20T14:03:11.0000000Z")]
    [InlineData("2026-11-21T03:48:11+13:45", "2026-11-20T14:03:11.0000000Z")]
    [InlineData("2026-11-20T23:30:00-01:00", "2026-11-21T00:30:00.0000000Z")]
    [InlineData("2027-01-01T00:30:00+01:00", "2026-12-31T23:30:00.0000000Z")]
    [InlineData("2024-02-29T12:00:00Z", "2024-02-29T12:00:00.0000000Z")]
    public void A_timestamp_with_z_or_an_offset_is_read_as_utc(string text, string expectedUtc) =>
        Assert.Equal(expectedUtc, ParseOk(text));

    [Theory]
    [InlineData(".1", "2026-11-20T14:03:11.1000000Z")]
    [InlineData(".12", "2026-11-20T14:03:11.1200000Z")]
    [InlineData(".123", "2026-11-20T14:03:11.1230000Z")]
    [InlineData(".1234", "2026-11-20T14:03:11.1234000Z")]
    [InlineData(".12345", "2026-11-20T14:03:11.1234500Z")]
    [InlineData(".123456", "2026-11-20T14:03:11.1234560Z")]
    [InlineData(".1234567", "2026-11-20T14:03:11.1234560Z")]
    [InlineData(".12345678", "2026-11-20T14:03:11.1234560Z")]
    [InlineData(".123456789", "2026-11-20T14:03:11.1234560Z")]
    [InlineData(".999999999", "2026-11-20T14:03:11.9999990Z")]
    [InlineData(".000001", "2026-11-20T14:03:11.0000010Z")]
    public void Fractional_seconds_of_one_to_nine_digits_are_kept_to_the_microsecond(string fraction, string expectedUtc) =>
        Assert.Equal(expectedUtc, ParseOk("2026-11-20T14:03:11" + fraction + "Z"));

    [Fact]
    public void Fractional_seconds_survive_an_offset()
    {
        Assert.Equal("2026-11-20T14:03:11.2500000Z", ParseOk("2026-11-20T09:03:11.25-05:00"));
    }

    [Theory]
    [InlineData("2016-12-31T23:59:60Z", "2016-12-31T23:59:59.9999990Z")]
    [InlineData("2016-12-31T18:59:60-05:00", "2016-12-31T23:59:59.9999990Z")]
    [InlineData("2016-12-31T23:59:60.5Z", "2016-12-31T23:59:59.9999990Z")]
    public void A_leap_second_is_read_as_the_last_microsecond_of_its_minute(string text, string expectedUtc) =>
        Assert.Equal(expectedUtc, ParseOk(text));

    [Theory]
    [InlineData("2026-11-20T14:03:11")]
    [InlineData("2026-11-20T14:03:11.5")]
    [InlineData("2026-11-20T14:03:11.123456789")]
    public void A_timestamp_without_offset_is_reported_as_such(string text)
    {
        Assert.Equal(Rfc3339.Outcome.NoOffset, Rfc3339.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-11-20")]
    [InlineData("2026-11-20T14:03Z")]
    [InlineData("2026-11-20T14:03:1Z")]
    [InlineData("20261120T140311Z")]
    [InlineData("2026/11/20T14:03:11Z")]
    [InlineData("2026-11-20X14:03:11Z")]
    [InlineData(" 2026-11-20T14:03:11Z")]
    [InlineData("2026-11-20T14:03:11 Z")]
    [InlineData("2026-11-20T14:03:11ZZ")]
    [InlineData("2026-11-20T14:03:11Z ")]
    [InlineData("2026-11-20T14:03:11.Z")]
    [InlineData("2026-11-20T14:03:11,5Z")]
    [InlineData("2026-11-20T14:03:11.1234567890Z")]
    [InlineData("2026-11-20T14:03:11+05")]
    [InlineData("2026-11-20T14:03:11+0500")]
    [InlineData("2026-11-20T14:03:11+05:00:00")]
    [InlineData("2026-11-20T14:03:11+24:00")]
    [InlineData("2026-11-20T14:03:11+05:60")]
    [InlineData("2026-11-20T14:03:11 05:00")]
    [InlineData("2026-00-20T14:03:11Z")]
    [InlineData("2026-13-20T14:03:11Z")]
    [InlineData("2026-11-00T14:03:11Z")]
    [InlineData("2026-11-31T14:03:11Z")]
    [InlineData("2026-02-29T14:03:11Z")]
    [InlineData("2026-11-20T24:00:00Z")]
    [InlineData("2026-11-20T14:60:11Z")]
    [InlineData("2026-11-20T14:03:61Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("+2026-11-20T14:03:11Z")]
    [InlineData("2026-1a-20T14:03:11Z")]
    public void A_malformed_timestamp_is_refused(string text)
    {
        Assert.Equal(Rfc3339.Outcome.Malformed, Rfc3339.TryParse(Encoding.ASCII.GetBytes(text), out var utc));
        Assert.Equal(default, utc);
    }

    private static string ParseOk(string text)
    {
        Assert.Equal(Rfc3339.Outcome.Ok, Rfc3339.TryParse(Encoding.ASCII.GetBytes(text), out var utc));
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        return utc.ToString("O", CultureInfo.InvariantCulture);
    }
}
