using System.Net;
using System.Net.Sockets;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Cli.Tests;

/// <summary><c>analytics serve</c> as a real child process on loopback, reached by the command line.</summary>
public sealed class ServeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ac-serve-").FullName;

    [Fact]
    public async Task A_served_store_answers_queries_through_the_api_and_other_commands_are_told_where_it_is()
    {
        var user = new EventLines();
        var events = Path.Combine(_folder, "events.ndjson");
        File.WriteAllLines(events, [user.Inbound("12:00:00", "hola")]);
        Assert.Equal(0, Analytics.Run(_folder, "ingest", events).ExitCode);
        Assert.Equal(0, Analytics.Run(_folder, "refresh", "--as-of", "2026-11-20T18:00:00Z").ExitCode);
        var created = Analytics.Run(_folder, "keys", "create", "--workspace", "acme");
        var key = created.Output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Single(w => w.StartsWith("ack_", StringComparison.Ordinal));

        var url = $"http://127.0.0.1:{FreePort()}";
        using var server = Analytics.Start(_folder, null, "serve", "--urls", url);
        try
        {
            await Healthz.WaitAsync(url, server);

            var csv = Analytics.Run(_folder, "query", "SELECT first_message FROM sessions", "--server", url, "--key", key, "--format", "csv");
            Assert.Equal(0, csv.ExitCode);
            Assert.Equal("first_message\r\nhola\r\n", csv.Output);

            var table = Analytics.Run(_folder, "query", "SELECT first_message FROM sessions", "--server", url, "--key", key);
            Assert.Contains("hola", table.Output, StringComparison.Ordinal);

            var refused = Analytics.Run(_folder, "query", "DROP TABLE sessions", "--server", url, "--key", key);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("refused", refused.Error, StringComparison.Ordinal);

            var busy = Analytics.Run(_folder, "refresh");
            Assert.Equal(1, busy.ExitCode);
            Assert.Contains(url, busy.Error, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task The_demo_ends_by_serving_its_data_to_the_sign_in_key_it_prints()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        using var demo = Analytics.Start(_folder, null, "demo", "--events", "5000", "--end", "2026-11-24T00:00:00Z", "--urls", url);
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            patience.CancelAfter(TimeSpan.FromMinutes(2));
            string? key = null;
            while (key is null && await demo.StandardOutput.ReadLineAsync(patience.Token) is { } line)
            {
                key = line.Trim() is var word && word.StartsWith("ack_", StringComparison.Ordinal) ? word : null;
            }

            Assert.NotNull(key);
            await Healthz.WaitAsync(url, demo);
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            var sessions = await http.PostAsync(new Uri(url + "/api/v1/query"),
                new StringContent("""{"sql": "SELECT count(*) AS n FROM sessions", "format": "csv"}""", System.Text.Encoding.UTF8, "application/json"),
                TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, sessions.StatusCode);
            var count = long.Parse((await sessions.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split("\r\n")[1],
                System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(count > 10, $"the served demo has {count} sessions");
        }
        finally
        {
            demo.Kill(entireProcessTree: true);
            await demo.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
