using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Core.Tests.Storage;

public sealed class RetentionStartsTests
{
    private static readonly DateTime s_now = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly RetentionPeriod s_week = RetentionPeriod.Of(TimeSpan.FromDays(7));

    private static readonly Dictionary<string, RetentionPeriod> s_acmeWeek = new(StringComparer.Ordinal) { ["acme"] = s_week };

    [Fact]
    public void Given_windows_start_each_workspace_at_its_own_and_the_rest_at_the_default()
    {
        var starts = new RetentionStarts(s_now, s_acmeWeek, RetentionPeriod.Default);

        Assert.False(starts.StoreReadsWindows);
        Assert.True(starts.AnyConfigured);
        Assert.Equal(s_now.AddDays(-7), starts.For("acme"));
        Assert.Equal(s_now.AddDays(-30), starts.For("globex"));
        Assert.Same(starts, starts.With(null));
    }

    [Fact]
    public void Windows_left_to_the_store_count_only_once_the_store_gives_them()
    {
        var starts = RetentionStarts.AsStored(s_now, RetentionPeriod.Default);

        Assert.True(starts.StoreReadsWindows);
        Assert.Throws<InvalidOperationException>(() => starts.For("acme"));
        Assert.Throws<ArgumentNullException>(() => starts.With(null));

        var read = starts.With(s_acmeWeek);
        Assert.False(read.StoreReadsWindows);
        Assert.Equal(s_now.AddDays(-7), read.For("acme"));
        Assert.Equal(s_now.AddDays(-30), read.For("globex"));
    }
}
