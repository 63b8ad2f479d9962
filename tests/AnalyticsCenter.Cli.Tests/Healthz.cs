using System.Diagnostics;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>Waits for a started <c>analytics serve</c> (or a demo, which ends serving) to answer <c>/healthz</c>.</summary>
internal static class Healthz
{
    // Generous: CI starts several servers at once on a loaded machine, and a cold start is mostly the JIT.
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(90);

    /// <param name="url">Where it listens.</param>
    /// <param name="server">Its process: one that exits is waited for no longer.</param>
    /// <param name="log">What it printed so far, for the failure's message, when its output is being read.</param>
    /// <exception cref="TimeoutException">It exited, or did not answer in time.</exception>
    public static async Task WaitAsync(string url, Process server, Func<string>? log = null)
    {
        using var http = new HttpClient();
        var patience = Stopwatch.StartNew();
        while (patience.Elapsed < s_patience && !server.HasExited)
        {
            try
            {
                if ((await http.GetAsync(new Uri(url.TrimEnd('/') + "/healthz"), TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"analytics serve did not answer at {url} in {patience.Elapsed.TotalSeconds:F0} s (exited: {server.HasExited})"
            + (log is null ? "" : $"; its log:\n{log()}"));
    }
}
