namespace AnalyticsCenter.Query.Tests;

public sealed class CsvFormatTests
{
    [Fact]
    public async Task Writes_a_header_and_every_row_with_rfc4180_quoting_and_crlf_line_endings()
    {
        var (text, rows) = await Results.WriteAsync(Samples.Mixed(), ResultFormat.Csv);

        Assert.Equal(5, rows);
        Assert.Equal(
            "id,name,amount,ratio,active,created_at,day\r\n"
            + "1,plain,12.50,0.25,true,2026-11-20T14:03:11Z,2026-11-20\r\n"
            + "2,\"comma, \"\"quote\"\"\r\nnew line\",-3,1E+20,false,2026-11-20T14:03:11.25Z,2026-01-02\r\n"
            + "3,,,,,,\r\n"
            + "4,\"\",0,-0.5,true,2026-11-20T14:03:11Z,1999-12-31\r\n"
            + "5,José 😀 日本,1234567.891,NaN,false,2026-11-20T14:03:11.25Z,2026-02-28\r\n",
            text);
    }

    [Fact]
    public async Task Null_is_an_empty_unquoted_field_and_the_empty_string_is_a_quoted_empty_field()
    {
        var reader = Results.Table([("a", typeof(string)), ("b", typeof(string))], [null, string.Empty], [string.Empty, null]);

        var text = await Results.TextAsync(reader, ResultFormat.Csv);

        Assert.Equal("a,b\r\n,\"\"\r\n\"\",\r\n", text);
    }

    [Fact]
    public async Task A_result_without_rows_still_writes_the_header()
    {
        var reader = Results.Table([("session_id", typeof(string)), ("n", typeof(long))]);

        var (text, rows) = await Results.WriteAsync(reader, ResultFormat.Csv);

        Assert.Equal(0, rows);
        Assert.Equal("session_id,n\r\n", text);
    }

    [Fact]
    public async Task Column_names_that_need_quoting_are_quoted_and_duplicates_get_a_suffix()
    {
        var reader = new FakeDataReader(
            ["a,b", "id", "id", "say \"hi\""],
            [typeof(string), typeof(long), typeof(long), typeof(string)],
            [["x", 1L, 2L, "y"]]);

        var text = await Results.TextAsync(reader, ResultFormat.Csv);

        Assert.Equal("\"a,b\",id,id_2,\"say \"\"hi\"\"\"\r\nx,1,2,y\r\n", text);
    }

    [Fact]
    public async Task Infinities_are_written_as_text()
    {
        var reader = Results.Table([("x", typeof(double)), ("y", typeof(float))], [double.PositiveInfinity, float.NegativeInfinity]);

        var text = await Results.TextAsync(reader, ResultFormat.Csv);

        Assert.Equal("x,y\r\nInfinity,-Infinity\r\n", text);
    }

    [Fact]
    public async Task Lists_and_structs_are_written_as_their_json_text()
    {
        var reader = new FakeDataReader(
            ["tags", "meta"],
            [typeof(List<string>), typeof(Dictionary<string, object?>)],
            [[new List<string?> { "a", null, "b,c" }, new Dictionary<string, object?> { ["k"] = 1L, ["s"] = "v" }]]);

        var text = await Results.TextAsync(reader, ResultFormat.Csv);

        Assert.Equal("tags,meta\r\n\"[\"\"a\"\",null,\"\"b,c\"\"]\",\"{\"\"k\"\":1,\"\"s\"\":\"\"v\"\"}\"\r\n", text);
    }

    [Fact]
    public async Task A_field_with_only_a_carriage_return_or_a_line_feed_is_quoted()
    {
        var reader = Results.Table([("a", typeof(string)), ("b", typeof(string)), ("c", typeof(string))], ["x\ry", "x\ny", " padded "]);

        var text = await Results.TextAsync(reader, ResultFormat.Csv);

        Assert.Equal("a,b,c\r\n\"x\ry\",\"x\ny\", padded \r\n", text);
    }
}
