using System.Diagnostics;
using Xunit;

namespace AnalyticsCenter.TestKit;

/// <summary>
/// Waits on the real clock for what goes on beside a test (a host's scheduled run, a renewal, a delivery, another process
/// or connection reaching a point).
/// </summary>
public static class Waiting
{
    // Generous: CI runs several test assemblies at once on a loaded machine.
    private static readonly TimeSpan s_patience = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Asks <paramref name="done"/> every 50 ms until it is true; fails the test with <paramref name="failure"/> (said as of
    /// the last try) once <paramref name="patience"/> (a minute unless given) has passed.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> done, Func<string> failure, TimeSpan? patience = null)
    {
        var limit = patience ?? s_patience;
        var waited = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(waited.Elapsed < limit, $"{failure()} (gave up after {limit.TotalSeconds:0} s)");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, Func{string}, TimeSpan?)"/>
    public static Task UntilAsync(Func<bool> done, Func<string> failure, TimeSpan? patience = null) =>
        UntilAsync(() => Task.FromResult(done()), failure, patience);

    /// <summary>
    /// Reads a value as <see cref="UntilAsync(Func{Task{bool}}, Func{string}, TimeSpan?)"/> asks, until it is
    /// <paramref name="done"/>; returns it, or fails with <paramref name="failure"/> of the last one read.
    /// </summary>
    public static async Task<T> ForAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<T, string> failure, TimeSpan? patience = null)
    {
        var last = default(T)!;
        await UntilAsync(async () => done(last = await read()), () => failure(last), patience);
        return last;
    }
}
