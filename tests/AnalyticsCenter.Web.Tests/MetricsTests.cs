using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace AnalyticsCenter.Web.Tests;

/// <summary>Prometheus text at /metrics, for the loopback only, moving with ingests, refreshes and queries.</summary>
/// <remarks>
/// Alone: a meter provider sees every meter of its name in the process, so another test's host running beside this one
/// would add its own series.
/// </remarks>
[Collection(nameof(RunsAlone))]
public sealed class MetricsTests : IAsyncDisposable
{
    private readonly TestStore _store = new();
    private WebApplication? _app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_count_accepted_duplicate_and_rejected_events_and_time_refreshes_queries_and_requests()
    {
        var client = await Client(KeyScope.Admin);
        var acme = new EventLines();
        var hola = acme.Inbound("12:00:00", "hola");
        var before = await Scrape(IPAddress.Loopback);

        await client.PostAsync("/api/v1/events", Ndjson(hola, acme.Node("12:00:05", "n_menu"), "{broken", hola), Ct);
        await client.PostAsync("/api/v1/refresh", null, Ct);
        await client.GetAsync("/api/v1/status", Ct);
        await client.GetAsync("/api/v1/reports/inbound-sources", Ct);
        await client.GetAsync("/api/v1/reports/inbound-sources", Ct);
        var after = await Scrape(IPAddress.Loopback);

        Assert.Equal(2, Value(after, "analytics_ingest_events_total", "outcome=\"accepted\"")
            - Value(before, "analytics_ingest_events_total", "outcome=\"accepted\""));
        Assert.Equal(1, Value(after, "analytics_ingest_events_total", "outcome=\"duplicate\""));
        Assert.Equal(1, Value(after, "analytics_ingest_rejected_total", "reason=\"invalid JSON\""));
        Assert.Equal(1, Value(after, "analytics_refresh_duration_seconds_count", "trigger=\"request\""));
        Assert.Equal(1, Value(after, "analytics_query_duration_seconds_count", "route=\"/api/v1/status\""));
        Assert.Equal(0, Value(after, "analytics_ingest_queue_depth", ""));
        Assert.Equal(1, Value(after, "analytics_report_answers_total", "how=\"computed\""));
        Assert.Equal(1, Value(after, "analytics_report_answers_total", "how=\"kept\""));
        Assert.True(Value(after, "http_server_request_duration_seconds_count", "http_route=\"/api/v1/events\"") >= 1);
        Assert.Contains("analytics_refresh_duration_seconds_bucket{otel_scope_name=\"AnalyticsCenter\",outcome=\"ok\",trigger=\"request\",le=\"0.5\"}",
            after, StringComparison.Ordinal);
        Assert.DoesNotContain((await _store.Store.ListKeysAsync(cancellationToken: Ct))[0].KeyId, after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_not_served_beyond_the_loopback()
    {
        await Client(KeyScope.Read);
        var context = await _app!.GetTestServer().SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/metrics";
            c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        }, Ct);

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
    }

    private async Task<HttpClient> Client(KeyScope scope)
    {
        _app = AnalyticsWebApp.Create(_store.Store, new WebHostSettings { RefreshEvery = null }, b => b.WebHost.UseTestServer(), _store.Time);
        await _app.StartAsync(Ct);
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", (await _store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "test", scope)).Key);
        return client;
    }

    private async Task<string> Scrape(IPAddress from)
    {
        var context = await _app!.GetTestServer().SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/metrics";
            c.Connection.RemoteIpAddress = from;
        }, Ct);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        return await new StreamReader(context.Response.Body).ReadToEndAsync(Ct);
    }

    /// <summary>The samples of <paramref name="metric"/> whose labels include <paramref name="label"/>, added up; 0 when there is none yet.</summary>
    private static double Value(string text, string metric, string label) => text.Split('\n')
        .Where(l => Regex.IsMatch(l, $"^{Regex.Escape(metric)}(\\{{|\\s)") && l.Contains(label, StringComparison.Ordinal))
        .Sum(l => double.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture));

    private static StringContent Ndjson(params string[] lines) => new(string.Join('\n', lines) + "\n", Encoding.UTF8, "application/x-ndjson");

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _store.Dispose();
    }
}
