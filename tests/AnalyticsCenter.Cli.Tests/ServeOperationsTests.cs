using System.Net;
using System.Text.Json;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>What an operator of <c>analytics serve</c> sees: structured request logs without secrets, and a load run.</summary>
public sealed class ServeOperationsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ac-ops-").FullName;

    [Fact]
    public async Task With_json_logs_every_request_is_one_json_line_with_method_path_status_and_duration_and_never_the_key()
    {
        using var served = new ServedStore(_folder);
        await served.StartAsync("--log-format", "json");
        using (var client = served.Client())
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/status?secret=query-text", TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal(0, await served.TerminateAsync());
        var lines = served.Log.Where(l => l.Length > 0).ToList();
        Assert.All(lines, l => JsonDocument.Parse(l));
        var request = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("State").TryGetProperty("Path", out var path) && path.GetString() == "/api/v1/status").GetProperty("State");
        Assert.Equal("GET", request.GetProperty("Method").GetString());
        Assert.Equal("200", request.GetProperty("StatusCode").ToString());
        Assert.True(request.TryGetProperty("Duration", out _));
        Assert.DoesNotContain(lines, l => l.Contains(served.Key, StringComparison.Ordinal)
            || l.Contains("Bearer", StringComparison.Ordinal) || l.Contains("query-text", StringComparison.Ordinal));
    }

    [Fact]
    public void The_load_benchmark_sends_50_thousand_events_over_http_and_the_store_holds_exactly_the_acknowledged_ones()
    {
        var run = Analytics.Run(_folder, "bench", "load", "--events", "50000", "--clients", "4", "--batch", "1000", "--dir", Path.Combine(_folder, "load"));

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var acknowledged = System.Text.RegularExpressions.Regex.Match(run.Output, @"acknowledged: ([\d,]+) of ([\d,]+) \(([\d,]+) accepted");
        Assert.True(acknowledged.Success, run.Output);
        Assert.Equal(acknowledged.Groups[1].Value, acknowledged.Groups[2].Value);
        Assert.Contains($"stored:       {acknowledged.Groups[3].Value} events == {acknowledged.Groups[3].Value} acknowledged as accepted",
            run.Output, StringComparison.Ordinal);
        Assert.Matches(@"throughput:\s+[\d,]+ events/s", run.Output);
        Assert.Matches(@"latency:\s+p50 [\d.,]+ ms, p99 [\d.,]+ ms", run.Output);
        Assert.Matches(@"peak memory [\d,]+ MB \(VmHWM\), exit code 0", run.Output);
        Assert.Matches(@"cpu:\s+serve [\d.]+ CPU-s, clients [\d.]+ CPU-s, database server none apart \(a file store\)", run.Output);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
