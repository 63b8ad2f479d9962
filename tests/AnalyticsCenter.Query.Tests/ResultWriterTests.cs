namespace AnalyticsCenter.Query.Tests;

public sealed class ResultWriterTests
{
    [Theory]
    [InlineData(ResultFormat.Table)]
    [InlineData(ResultFormat.Csv)]
    [InlineData(ResultFormat.Json)]
    public async Task The_output_stream_is_left_open_and_holds_all_the_output(ResultFormat format)
    {
        using var output = new MemoryStream();

        var rows = await ResultWriter.WriteAsync(Samples.Mixed(), format, output, ct: TestContext.Current.CancellationToken);

        Assert.Equal(5, rows);
        Assert.True(output.CanWrite);
        Assert.Equal(output.ToArray(), System.Text.Encoding.UTF8.GetBytes(await Results.TextAsync(Samples.Mixed(), format)));
    }

    [Fact]
    public async Task Out_of_range_options_are_rejected()
    {
        using var output = new MemoryStream();
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            ResultWriter.WriteAsync(Samples.Mixed(), ResultFormat.Table, output, new ResultWriterOptions { MaxTableRows = -1 }, ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            ResultWriter.WriteAsync(Samples.Mixed(), ResultFormat.Table, output, new ResultWriterOptions { MaxTableCellWidth = 0 }, ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            ResultWriter.WriteAsync(Samples.Mixed(), (ResultFormat)42, output, ct: ct));
    }

    [Theory]
    [InlineData(ResultFormat.Table)]
    [InlineData(ResultFormat.Csv)]
    [InlineData(ResultFormat.Json)]
    public async Task A_cancelled_write_stops_with_operation_cancelled(ResultFormat format)
    {
        using var output = new MemoryStream();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ResultWriter.WriteAsync(Samples.Mixed(), format, output, ct: cancellation.Token));
    }

    [Fact]
    public async Task A_table_limited_to_zero_rows_shows_only_the_header_and_the_counts()
    {
        var text = await Results.TextAsync(Samples.Mixed(), ResultFormat.Table, new ResultWriterOptions { MaxTableRows = 0 });

        Assert.EndsWith("┘\n… 5 more rows (use --format csv or json for all)\n5 rows\n", text, StringComparison.Ordinal);
        Assert.Equal(5, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData(ResultFormat.Table, "0 rows\n")]
    [InlineData(ResultFormat.Csv, "")]
    [InlineData(ResultFormat.Json, "[]\n")]
    public async Task A_result_without_columns_writes_no_grid_or_header(ResultFormat format, string expected)
    {
        var reader = new FakeDataReader([], [], []);

        Assert.Equal(expected, await Results.TextAsync(reader, format));
    }
}
