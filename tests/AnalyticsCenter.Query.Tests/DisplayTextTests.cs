namespace AnalyticsCenter.Query.Tests;

public sealed class DisplayTextTests
{
    [Theory]
    [InlineData("abc", 3)]
    [InlineData("", 0)]
    [InlineData("José", 4)]
    [InlineData("Jose\u0301", 4)]
    [InlineData("日本語", 6)]
    [InlineData("😀", 2)]
    [InlineData("👨‍👩‍👧", 2)]
    [InlineData("🇨🇴", 2)]
    [InlineData("❤️", 2)]
    public void Width_counts_terminal_columns(string text, int expected)
    {
        Assert.Equal(expected, DisplayText.Width(text));
    }

    [Theory]
    [InlineData("abcdef", 6, "abcdef")]
    [InlineData("abcdefg", 6, "abcde…")]
    [InlineData("日本語日本語", 6, "日本…")]
    [InlineData("ab😀cd", 4, "ab…")]
    [InlineData("abc", 1, "…")]
    public void Fit_cuts_wide_text_at_a_character_boundary_with_an_ellipsis(string text, int maxWidth, string expected)
    {
        var fitted = DisplayText.Fit(text, maxWidth);

        Assert.Equal(expected, fitted);
        Assert.True(DisplayText.Width(fitted) <= maxWidth);
    }

    [Fact]
    public void Control_characters_are_replaced_so_a_cell_stays_on_one_line()
    {
        Assert.Equal("a↵b↵c↵d e\uFFFD", DisplayText.ToSingleLine("a\r\nb\nc\rd\te\u0007"));
    }
}
