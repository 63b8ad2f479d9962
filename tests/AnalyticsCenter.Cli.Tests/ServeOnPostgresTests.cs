using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Cli.Tests;

/// <summary><c>analytics serve --db postgresql://…</c> as a real child process: HTTP ingest with a key, a refresh, a report, the web tab.</summary>
public sealed class ServeOnPostgresTests(PostgresStore postgres) : IClassFixture<PostgresStore>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("ac-serve-pg-").FullName;

    [Fact]
    public async Task A_server_on_postgresql_takes_events_refreshes_answers_a_report_and_serves_the_web_tab()
    {
        var created = Analytics.Run(_folder, "keys", "create", "--workspace", "acme", "--scope", "admin", "--db", postgres.Url);
        Assert.Equal(0, created.ExitCode);
        var key = created.Output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Single(w => w.StartsWith("ack_", StringComparison.Ordinal));
        var url = $"http://127.0.0.1:{FreePort()}";
        using var server = Analytics.Start(_folder, null, "--db", postgres.Url, "serve", "--urls", url, "--refresh-every", "none");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            await Healthz.WaitAsync(url, server);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

            // Three hours ago: inside the 30-day window, and the session has ended by the inactivity rule.
            var start = DateTime.UtcNow.AddHours(-3);
            string At(int seconds) => start.AddSeconds(seconds).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var user = new EventLines("acme");
            var events = string.Join('\n', user.Inbound(At(0), "hola desde el servidor"), user.Outbound(At(5)), user.AgentClosed(At(60))) + "\n";
            using var ingested = await client.PostAsync("/api/v1/events", new StringContent(events, Encoding.UTF8, "application/x-ndjson"), Ct);
            Assert.True(ingested.IsSuccessStatusCode, await ingested.Content.ReadAsStringAsync(Ct));

            using var refreshed = await client.PostAsync("/api/v1/refresh", null, Ct);
            Assert.True(refreshed.IsSuccessStatusCode, await refreshed.Content.ReadAsStringAsync(Ct));

            using var query = await client.PostAsync("/api/v1/query",
                new StringContent("""{"sql": "SELECT first_message FROM sessions"}""", Encoding.UTF8, "application/json"), Ct);
            Assert.Contains("hola desde el servidor", await query.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

            using var report = await client.GetAsync("/api/v1/reports/countries", Ct);
            var reportText = await report.Content.ReadAsStringAsync(Ct);
            Assert.True(report.IsSuccessStatusCode, reportText);
            Assert.NotEmpty(JsonDocument.Parse(reportText).RootElement.EnumerateArray());

            using var page = await client.GetAsync("/settings", Ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("data-page=\"settings\"", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            using var script = await client.GetAsync("/assets/app.js", Ct);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(Ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
