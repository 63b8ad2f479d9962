using System.Text;

namespace AnalyticsCenter.Query.Tests;

public sealed class ValueFormatterTests
{
    [Theory]
    [InlineData(0L, "2026-11-20T14:03:11Z")]
    [InlineData(2_500_000L, "2026-11-20T14:03:11.25Z")]
    [InlineData(1L, "2026-11-20T14:03:11.0000001Z")]
    [InlineData(1_230L, "2026-11-20T14:03:11.000123Z")]
    [InlineData(9_990_000L, "2026-11-20T14:03:11.999Z")]
    public void Timestamps_are_utc_iso_8601_with_trimmed_fractional_seconds_only_when_non_zero(long extraTicks, string expected)
    {
        var value = Samples.Whole.AddTicks(extraTicks);

        Assert.Equal(expected, ValueFormatter.FormatText(value));
        Assert.Equal(expected, ValueFormatter.FormatText(DateTime.SpecifyKind(value, DateTimeKind.Utc)));
    }

    [Fact]
    public void A_timestamp_with_an_offset_is_converted_to_utc()
    {
        var value = new DateTimeOffset(2026, 11, 20, 9, 3, 11, TimeSpan.FromHours(-5));

        Assert.Equal("2026-11-20T14:03:11Z", ValueFormatter.FormatText(value));
    }

    [Fact]
    public void A_local_timestamp_is_converted_to_utc()
    {
        var utc = new DateTime(2026, 11, 20, 14, 3, 11, DateTimeKind.Utc);

        Assert.Equal("2026-11-20T14:03:11Z", ValueFormatter.FormatText(utc.ToLocalTime()));
    }

    [Fact]
    public void Other_types_have_a_sensible_text()
    {
        Assert.Null(ValueFormatter.FormatText(DBNull.Value));
        Assert.Null(ValueFormatter.FormatText(null));
        Assert.Equal("2026-02-03", ValueFormatter.FormatText(new DateOnly(2026, 2, 3)));
        Assert.Equal("07:08:09", ValueFormatter.FormatText(new TimeOnly(7, 8, 9)));
        Assert.Equal("07:08:09.5", ValueFormatter.FormatText(new TimeOnly(7, 8, 9, 500)));
        Assert.Equal("1.02:03:04", ValueFormatter.FormatText(new TimeSpan(1, 2, 3, 4)));
        Assert.Equal("0b7c4e4e-7ae6-4b8a-9d4f-1d2c3b4a5f60", ValueFormatter.FormatText(Guid.Parse("0B7C4E4E-7AE6-4B8A-9D4F-1D2C3B4A5F60")));
        Assert.Equal("AQL/", ValueFormatter.FormatText(new byte[] { 1, 2, 0xff }));
        using var blob = new MemoryStream([1, 2, 0xff]);
        Assert.Equal("AQL/", ValueFormatter.FormatText(blob));
        Assert.Equal("false", ValueFormatter.FormatText(false));
        Assert.Equal("x", ValueFormatter.FormatText('x'));
        Assert.Equal("Friday", ValueFormatter.FormatText(DayOfWeek.Friday));
        Assert.Equal("1.5", ValueFormatter.FormatText(1.5f));
        Assert.Equal("-0.001", ValueFormatter.FormatText(-0.001m));
        Assert.Equal("[1,2]", ValueFormatter.FormatText(new List<int> { 1, 2 }));
    }

    [Fact]
    public void Numbers_are_right_aligned_types()
    {
        Assert.True(ValueFormatter.IsNumericType(typeof(long)));
        Assert.True(ValueFormatter.IsNumericType(typeof(decimal)));
        Assert.True(ValueFormatter.IsNumericType(typeof(double?)));
        Assert.True(ValueFormatter.IsNumericType(typeof(System.Numerics.BigInteger)));
        Assert.False(ValueFormatter.IsNumericType(typeof(string)));
        Assert.False(ValueFormatter.IsNumericType(typeof(bool)));
        Assert.False(ValueFormatter.IsNumericType(typeof(DateTime)));
    }

    [Fact]
    public void Json_text_of_a_value_escapes_only_what_json_requires()
    {
        Assert.Equal("\"a\\\"b\\\\c\\n\\u001f 😀\"", ValueFormatter.ToJsonText("a\"b\\c\n\u001f 😀"));
        Assert.Equal("null", ValueFormatter.ToJsonText(DBNull.Value));
        Assert.Equal("\"AQL/\"", ValueFormatter.ToJsonText(new byte[] { 1, 2, 0xff }));
        Assert.Equal("\"1.02:03:04\"", ValueFormatter.ToJsonText(new TimeSpan(1, 2, 3, 4)));
    }

    [Fact]
    public void Long_strings_are_escaped_completely()
    {
        var text = new StringBuilder().Insert(0, "ab\"\n😀", 10_000).ToString();

        using var document = System.Text.Json.JsonDocument.Parse(ValueFormatter.ToJsonText(text));

        Assert.Equal(text, document.RootElement.GetString());
    }
}
