namespace AnalyticsCenter.Cli.Tests;

/// <summary>A newcomer's first <c>demo</c>: it says what it is doing, ends with a sign-in block that works, and a second run cannot break it.</summary>
public sealed class DemoFirstRunTests : IDisposable
{
    private static readonly string[] s_steps =
        ["generating about 3,000 events", "ingesting them into", "refreshing the sessions", "starting the server at", "serving "];

    private readonly TempFolder _folder = new("ac-demo-");

    [Fact]
    public async Task The_demo_says_each_step_ends_with_a_working_sign_in_block_and_a_second_demo_leaves_it_alone()
    {
        var url = $"http://127.0.0.1:{ServeTests.FreePort()}";
        using var demo = Analytics.Start(_folder.Path, null, "demo", "--events", "3000", "--end", "2026-11-24T00:00:00Z", "--urls", url);
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            patience.CancelAfter(TimeSpan.FromMinutes(2));
            var lines = new List<string>();
            var rules = 0;
            while (rules < 2 && await demo.StandardOutput.ReadLineAsync(patience.Token) is { } line)
            {
                lines.Add(line);
                rules += line.StartsWith("=====", StringComparison.Ordinal) ? 1 : 0;
            }

            var output = string.Join('\n', lines);
            var steps = s_steps.Select(step => output.IndexOf(step, StringComparison.Ordinal)).ToList();
            Assert.DoesNotContain(-1, steps);
            Assert.Equal(steps.Order(), steps);

            // The block is the last thing printed: the key, and a query that reaches the served data.
            var block = lines[lines.FindIndex(l => l.StartsWith("=====", StringComparison.Ordinal))..];
            Assert.Contains(block, l => l == $"Open {url} and sign in as workspace acme with this key:");
            var key = block.Select(l => l.Trim()).Single(l => l.StartsWith("ack_", StringComparison.Ordinal));
            var hint = block.Single(l => l.Contains(" query ", StringComparison.Ordinal));
            Assert.EndsWith($"--server {url} --key {key}", hint, StringComparison.Ordinal);

            await Healthz.WaitAsync(url, demo);
            var query = Analytics.Run(_folder.Path, "query", "SELECT session_type, count(*) FROM sessions GROUP BY 1", "--server", url, "--key", key);
            Assert.Equal(0, query.ExitCode);
            Assert.Contains("INBOUND", query.Output, StringComparison.Ordinal);

            var refused = Analytics.Run(_folder.Path, "query", "SELECT 1", "--server", url, "--key", "ack_wrong_wrongwrongwrong");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("the key was refused", refused.Error, StringComparison.Ordinal);

            var store = Path.Combine(_folder.Path, "data", "demo.duckdb");
            var modified = File.GetLastWriteTimeUtc(store);
            var second = Analytics.Run(_folder.Path, "demo", "--events", "3000", "--urls", url);
            Assert.Equal(1, second.ExitCode);
            Assert.Equal($"error: a demo or serve (process {demo.Id}) is serving data/demo.duckdb at {url}: open it there, or stop it " +
                $"(Ctrl+C in its terminal, or kill {demo.Id}) before running the demo again", second.Error.Trim());
            Assert.Equal(modified, File.GetLastWriteTimeUtc(store));

            var busy = Analytics.Run(_folder.Path, "serve", "--db", Path.Combine(_folder.Path, "other.duckdb"), "--urls", url);
            Assert.Equal(1, busy.ExitCode);
            Assert.StartsWith($"error: cannot listen at {url}: another program holds that port", busy.Error, StringComparison.Ordinal);
            Assert.Single(busy.Error.Trim().Split('\n'));
        }
        finally
        {
            demo.Kill(entireProcessTree: true);
            await demo.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    public void Dispose() => _folder.Dispose();
}
