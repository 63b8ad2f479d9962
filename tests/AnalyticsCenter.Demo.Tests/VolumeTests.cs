namespace AnalyticsCenter.Demo.Tests;

public sealed class VolumeTests
{
    [Theory]
    [InlineData(2_000, true)]
    [InlineData(10_000, false)]
    [InlineData(120_000, true)]
    public void Line_count_is_near_the_requested_events(long events, bool defects)
    {
        var sample = Sample.Generate(new DemoOptions { Events = events, End = Sample.End, IncludeDefects = defects });

        Assert.InRange(sample.Lines.Length, events * 0.97, events * 1.03);
    }

    [Fact]
    public void Summary_counts_what_was_written()
    {
        var sample = Sample.WithDefects;
        var summary = sample.Summary;

        Assert.Equal(sample.Lines.Length, summary.Lines);
        Assert.Equal(sample.Bytes.Count(b => b == (byte)'\n'), summary.Lines);
        Assert.Equal((byte)'\n', sample.Bytes[^1]);
        Assert.Equal(summary.Lines - summary.BadLines - summary.DuplicateLines, summary.Events);
        Assert.Equal(["acme", "globex", "initech"], summary.WorkspaceIds);
    }

    [Fact]
    public void Zero_events_writes_nothing()
    {
        var sample = Sample.Generate(new DemoOptions { Events = 0, End = Sample.End });

        Assert.Empty(sample.Bytes);
        Assert.Equal(0, sample.Summary.Lines);
    }

    [Fact]
    public void More_workspaces_are_named_ws_and_all_get_events()
    {
        var sample = Sample.Generate(new DemoOptions { Events = 20_000, End = Sample.End, Workspaces = 6, IncludeDefects = false });

        Assert.Equal(["acme", "globex", "initech", "ws-4", "ws-5", "ws-6"], sample.Summary.WorkspaceIds);
        foreach (var id in sample.Summary.WorkspaceIds)
        {
            Assert.Contains(sample.Lines, line => line.Contains($"\"workspace_id\":\"{id}\"", StringComparison.Ordinal));
        }

        Assert.All(sample.Lines, line => Assert.Null(ContractCheck.Reject(line)));
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoEventGenerator(new DemoOptions { Events = -1, End = Sample.End }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoEventGenerator(new DemoOptions { Workspaces = 0, End = Sample.End }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoEventGenerator(new DemoOptions { Period = TimeSpan.Zero, End = Sample.End }));
    }
}
