namespace AnalyticsCenter.Demo.Tests;

public sealed class StreamingTests
{
    [Fact]
    public void Write_streams_to_a_non_seekable_stream_and_leaves_it_open()
    {
        var options = new DemoOptions { Events = 30_000, End = Sample.End };
        using var inner = new MemoryStream();
        using var forwardOnly = new ForwardOnlyStream(inner);

        var summary = new DemoEventGenerator(options).Write(forwardOnly);

        Assert.False(forwardOnly.Disposed);
        Assert.True(forwardOnly.Writes > 1, "the output should go out in several chunks, not at once");
        Assert.True(forwardOnly.LargestWrite < inner.Length / 2, "no single write should hold most of the output");
        Assert.Equal(Sample.Generate(options).Bytes, inner.ToArray());
        Assert.Equal(summary.Lines, inner.ToArray().Count(b => b == (byte)'\n'));
    }

    [Fact]
    public void Write_can_be_called_again_with_the_same_result()
    {
        var generator = new DemoEventGenerator(new DemoOptions { Events = 2_000, End = Sample.End });
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        generator.Write(first);
        generator.Write(second);

        Assert.Equal(first.ToArray(), second.ToArray());
    }
}
