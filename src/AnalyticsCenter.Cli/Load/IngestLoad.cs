using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AnalyticsCenter.Cli.Load;

/// <summary>
/// Several concurrent HTTP clients sending batches to <c>POST /api/v1/events</c> until all are acknowledged. A 429 or 503
/// is retried after its Retry-After, as a well-behaved client would; the latency of a batch is that of its acknowledged try.
/// </summary>
internal static class IngestLoad
{
    public static async Task<IngestLoadResult> RunAsync(
        Uri server, IngestBatches batches, IReadOnlyDictionary<string, string> keys, int clients, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients })
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromMinutes(2)
        };
        var next = -1;
        var latencies = new double[batches.Batches.Count];
        long accepted = 0, duplicates = 0, rejected = 0, retries = 0;
        var started = Stopwatch.GetTimestamp();

        async Task Client()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Batches.Count)
            {
                var batch = batches.Batches[index];
                while (true)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = new ByteArrayContent(batch.Body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", keys[batch.Workspace]);
                    var sent = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(request, cancellationToken);
                    if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Increment(ref retries);
                        await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken);
                        continue;
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException(
                            $"the server answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                    }

                    using var answer = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
                    latencies[index] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                    Interlocked.Add(ref accepted, answer.RootElement.GetProperty("accepted").GetInt64());
                    Interlocked.Add(ref duplicates, answer.RootElement.GetProperty("duplicates").GetInt64());
                    Interlocked.Add(ref rejected, answer.RootElement.GetProperty("rejected").GetInt64());
                    break;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client, cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        Array.Sort(latencies);
        return new IngestLoadResult(
            batches.Lines, accepted, duplicates, rejected, retries, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>What a load run saw: every line acknowledged (accepted, duplicate or rejected), how fast, and how often it was told to wait.</summary>
internal sealed record IngestLoadResult(
    long Lines, long Accepted, long Duplicates, long Rejected, long Retries, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds)
{
    public long Acknowledged => Accepted + Duplicates + Rejected;

    public double EventsPerSecond => Acknowledged / Elapsed.TotalSeconds;
}
