namespace AnalyticsCenter.Query.Tests;

[Collection(typeof(RunsAlone))]
public sealed class LargeResultTests
{
    private const int RowCount = 1_000_000;

    // The heap is measured (after a full collection) every this many rows while the writer reads.
    private const int SampleEvery = 100_000;

    // Generous next to the tens of kilobytes the writers hold, tiny next to the result (> 50 MB as text).
    private const long MaxHeapGrowth = 8 * 1024 * 1024;

    [Theory]
    [InlineData(ResultFormat.Csv)]
    [InlineData(ResultFormat.Json)]
    [InlineData(ResultFormat.Table)]
    public async Task A_million_rows_are_streamed_without_the_heap_growing(ResultFormat format)
    {
        var output = new CountingStream();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        var reader = new FakeDataReader(
            ["id", "session_id", "started_at", "score", "note"],
            [typeof(long), typeof(string), typeof(DateTime), typeof(double), typeof(string)],
            Generate(RowCount, () => peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true))));

        var rows = await ResultWriter.WriteAsync(reader, format, output, ct: TestContext.Current.CancellationToken);

        Assert.Equal(RowCount, rows);
        Assert.True(peak - baseline < MaxHeapGrowth, $"The heap grew by {(peak - baseline) / 1024} KiB while writing.");
        if (format == ResultFormat.Table)
        {
            Assert.InRange(output.BytesWritten, 1000 * 50, 1000 * 200);
        }
        else
        {
            Assert.True(output.BytesWritten > 50L * RowCount, $"{output.BytesWritten} bytes written.");
        }
    }

    private static IEnumerable<object?[]> Generate(int count, Action sample)
    {
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < count; i++)
        {
            if (i % SampleEvery == SampleEvery - 1)
            {
                sample();
            }

            yield return
            [
                (long)i,
                $"s-{i:x8}",
                start.AddMilliseconds(i * 250L),
                i / 7.0,
                i % 3 == 0 ? null : "hello, world",
            ];
        }
    }
}
