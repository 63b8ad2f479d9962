namespace AnalyticsCenter.Demo.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void Same_seed_gives_identical_output()
    {
        var options = new DemoOptions { Seed = 42, Events = 20_000, End = Sample.End };

        var first = Sample.Generate(options);
        var second = Sample.Generate(options);

        Assert.Equal(first.Bytes, second.Bytes);
        Assert.Equal(first.Summary.Lines, second.Summary.Lines);
        Assert.Equal(first.Summary.BadLines, second.Summary.BadLines);
    }

    [Fact]
    public void Different_seeds_give_different_output()
    {
        var first = Sample.Generate(new DemoOptions { Seed = 1, Events = 5_000, End = Sample.End });
        var second = Sample.Generate(new DemoOptions { Seed = 2, Events = 5_000, End = Sample.End });

        Assert.NotEqual(first.Bytes, second.Bytes);
        Assert.NotEqual(first.Lines.Take(100), second.Lines.Take(100));
    }

    [Fact]
    public void The_output_does_not_depend_on_the_offset_End_is_given_in()
    {
        var utc = Sample.Generate(new DemoOptions { Events = 3_000, End = Sample.End });
        var bogota = Sample.Generate(new DemoOptions { Events = 3_000, End = Sample.End.ToOffset(TimeSpan.FromHours(-5)) });

        Assert.Equal(utc.Bytes, bogota.Bytes);
    }
}
