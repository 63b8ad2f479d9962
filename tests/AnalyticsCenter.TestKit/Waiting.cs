using System.Diagnostics;
using Xunit;

namespace AnalyticsCenter.TestKit;

/// <summary>Waits on the real clock for what a host does in the background (a scheduled run, a renewal, a delivery).</summary>
public static class Waiting
{
    // Generous: CI runs several test assemblies at once on a loaded machine.
    private static readonly TimeSpan s_patience = TimeSpan.FromMinutes(1);

    /// <summary>Asks <paramref name="done"/> every 25 ms until it is true; fails the test with <paramref name="failure"/>
    /// (said as of the last try) when a minute has passed.</summary>
    public static async Task UntilAsync(Func<Task<bool>> done, Func<string> failure)
    {
        var waited = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(waited.Elapsed < s_patience, failure());
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, Func{string})"/>
    public static Task UntilAsync(Func<bool> done, Func<string> failure) => UntilAsync(() => Task.FromResult(done()), failure);
}
