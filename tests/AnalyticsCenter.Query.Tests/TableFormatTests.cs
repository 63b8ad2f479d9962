namespace AnalyticsCenter.Query.Tests;

public sealed class TableFormatTests
{
    private static readonly (string Name, Type Type)[] s_idNameAmount =
        [("id", typeof(long)), ("name", typeof(string)), ("amount", typeof(decimal))];

    [Fact]
    public async Task Draws_a_grid_sized_to_content_with_numbers_right_aligned_and_null_as_an_empty_cell()
    {
        var reader = Results.Table(s_idNameAmount, [1L, "Ana", 12.50m], [22L, null, 3m]);

        var (text, rows) = await Results.WriteAsync(reader, ResultFormat.Table);

        Assert.Equal(2, rows);
        Assert.Equal(
            """
            ┌────┬──────┬────────┐
            │ id │ name │ amount │
            ├────┼──────┼────────┤
            │  1 │ Ana  │  12.50 │
            │ 22 │      │      3 │
            └────┴──────┴────────┘
            2 rows

            """,
            text);
    }

    [Fact]
    public async Task A_single_row_is_counted_as_one_row()
    {
        var reader = Results.Table([("x", typeof(bool))], [true]);

        var text = await Results.TextAsync(reader, ResultFormat.Table);

        Assert.EndsWith("└──────┘\n1 row\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_result_without_rows_shows_the_header_and_zero_rows()
    {
        var reader = Results.Table(s_idNameAmount);

        var (text, rows) = await Results.WriteAsync(reader, ResultFormat.Table);

        Assert.Equal(0, rows);
        Assert.Equal(
            """
            ┌────┬──────┬────────┐
            │ id │ name │ amount │
            └────┴──────┴────────┘
            0 rows

            """,
            text);
    }

    [Fact]
    public async Task Shows_at_most_the_maximum_rows_then_counts_the_rest()
    {
        var data = Enumerable.Range(1, 25).Select(i => new object?[] { (long)i, $"n{i}", (decimal)i }).ToArray();
        var reader = Results.Table(s_idNameAmount, data);

        var (text, rows) = await Results.WriteAsync(reader, ResultFormat.Table, new ResultWriterOptions { MaxTableRows = 3 });

        Assert.Equal(25, rows);
        Assert.Equal(
            """
            ┌────┬──────┬────────┐
            │ id │ name │ amount │
            ├────┼──────┼────────┤
            │  1 │ n1   │      1 │
            │  2 │ n2   │      2 │
            │  3 │ n3   │      3 │
            └────┴──────┴────────┘
            … 22 more rows (use --format csv or json for all)
            25 rows

            """,
            text);
    }

    [Fact]
    public async Task Columns_are_sized_by_the_shown_rows_only()
    {
        var reader = Results.Table([("s", typeof(string))], ["a"], ["a much longer value that is not shown"]);

        var text = await Results.TextAsync(reader, ResultFormat.Table, new ResultWriterOptions { MaxTableRows = 1 });

        Assert.Equal("┌───┐\n│ s │\n├───┤\n│ a │\n└───┘\n… 1 more row (use --format csv or json for all)\n2 rows\n", text);
    }

    [Fact]
    public async Task Long_cells_are_cut_with_an_ellipsis_at_the_maximum_width()
    {
        var reader = Results.Table([("comment", typeof(string))], ["abcdefghijklmnop"], ["short"]);

        var text = await Results.TextAsync(reader, ResultFormat.Table, new ResultWriterOptions { MaxTableCellWidth = 6 });

        Assert.Equal(
            """
            ┌────────┐
            │ comme… │
            ├────────┤
            │ abcde… │
            │ short  │
            └────────┘
            2 rows

            """,
            text);
    }

    [Fact]
    public async Task Line_breaks_and_tabs_inside_a_cell_keep_the_grid_on_one_line_per_row()
    {
        var reader = Results.Table([("m", typeof(string))], ["one\r\ntwo\nthree\tfour"]);

        var text = await Results.TextAsync(reader, ResultFormat.Table);

        Assert.Contains("│ one↵two↵three four │\n", text, StringComparison.Ordinal);
        Assert.Equal(6, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Wide_characters_and_emoji_count_two_columns_and_accents_one()
    {
        var reader = Results.Table([("name", typeof(string))], ["日本"], ["José"], ["👍🏽!"]);

        var text = await Results.TextAsync(reader, ResultFormat.Table);

        Assert.Equal(
            """
            ┌──────┐
            │ name │
            ├──────┤
            │ 日本 │
            │ José │
            │ 👍🏽!  │
            └──────┘
            3 rows

            """,
            text);
    }

    [Fact]
    public async Task Values_are_shown_with_the_same_text_as_in_csv()
    {
        var text = await Results.TextAsync(Samples.Mixed(), ResultFormat.Table);

        Assert.Contains("│ 2026-11-20T14:03:11.25Z │", text, StringComparison.Ordinal);
        Assert.Contains("│ 2026-11-20 │", text, StringComparison.Ordinal);
        Assert.Contains("│ 1E+20 │", text, StringComparison.Ordinal);
        Assert.Contains("│ true   │", text, StringComparison.Ordinal);
        Assert.Contains("comma, \"quote\"↵new line", text, StringComparison.Ordinal);
        Assert.EndsWith("5 rows\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_column_names_get_the_same_suffix_as_in_the_other_formats()
    {
        var reader = new FakeDataReader(["id", "id"], [typeof(long), typeof(long)], [[1L, 2L]]);

        var text = await Results.TextAsync(reader, ResultFormat.Table);

        Assert.Contains("│ id │ id_2 │", text, StringComparison.Ordinal);
    }
}
