using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// A ready report's answer is kept until the workspace's data changes: asked again, it comes back as it was sent, with
/// its age; a refresh or an upload gives the next request a new answer; <c>Cache-Control: no-cache</c> computes it afresh;
/// other filters, formats and workspaces never get it.
/// </summary>
public sealed class KeptReportApiTests : IAsyncLifetime
{
    private const string Report = "/api/v1/reports/inbound-sources";
    private readonly TestStore _store = new();
    private readonly EventLines _acme = new("acme", phone: "573001234567");
    private TestApi _api = null!;
    private HttpClient _acmeClient = null!;
    private HttpClient _globexClient = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var globex = new EventLines("globex", phone: "593991234567");
        await _store.IngestAsync(_acme.Inbound("10:00:00", "hi"), globex.Inbound("08:00:00"), globex.Inbound("10:00:00", id: "g2"));
        await _store.RefreshAsync("12:00:00");
        _api = await TestApi.StartAsync(_store);
        _acmeClient = _api.Client(await _api.KeyAsync("acme", KeyScope.Admin));
        _globexClient = _api.Client(await _api.KeyAsync("globex", KeyScope.Admin));
    }

    [Fact]
    public async Task A_report_asked_again_before_the_data_changes_is_the_kept_answer_with_its_age()
    {
        var first = await GetAsync(_acmeClient, Report);
        var again = await GetAsync(_acmeClient, Report);

        Assert.Null(first.Age);
        Assert.NotNull(again.Age);
        Assert.Equal(first.Body, again.Body);
        Assert.Equal(first.ContentType, again.ContentType);
    }

    [Fact]
    public async Task A_refresh_with_new_rows_gives_the_next_request_a_new_answer()
    {
        var before = await GetAsync(_acmeClient, Report);

        await _store.IngestAsync(_acme.Inbound("13:00:00", "again", id: "later"));
        await _store.RefreshAsync("15:00:00");
        var after = await GetAsync(_acmeClient, Report);

        Assert.Null(after.Age);
        Assert.Contains("\"sessions\":1", before.Body, StringComparison.Ordinal);
        Assert.Contains("\"sessions\":2", after.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_and_its_deletion_give_the_reports_that_read_it_new_answers_computed_before_anyone_asks()
    {
        const string Countries = "/api/v1/reports/countries?group_by=tag";
        var kept = _api.App.Services.GetRequiredService<KeptReports>();
        Assert.DoesNotContain("vip", (await GetAsync(_acmeClient, Countries)).Body, StringComparison.Ordinal);

        using var tags = new StringContent("phone,tag\n+573001234567,vip\n", Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.Created, (await _acmeClient.PutAsync("/api/v1/tables/audience_tags", tags, Ct)).StatusCode);
        await RenewedAsync(kept, version: 2);
        var uploaded = await GetAsync(_acmeClient, Countries);

        Assert.Equal(HttpStatusCode.NoContent, (await _acmeClient.DeleteAsync("/api/v1/tables/audience_tags", Ct)).StatusCode);
        await RenewedAsync(kept, version: 3);
        var deleted = await GetAsync(_acmeClient, Countries);

        Assert.NotNull(uploaded.Age);
        Assert.Contains("vip", uploaded.Body, StringComparison.Ordinal);
        Assert.NotNull(deleted.Age);
        Assert.DoesNotContain("vip", deleted.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_cache_computes_the_answer_afresh()
    {
        await GetAsync(_acmeClient, Report);

        using var request = new HttpRequestMessage(HttpMethod.Get, Report);
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        using var fresh = await _acmeClient.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Null(fresh.Headers.Age);
    }

    [Fact]
    public async Task Other_filters_formats_and_workspaces_get_their_own_answers()
    {
        var json = await GetAsync(_acmeClient, Report);
        var csv = await GetAsync(_acmeClient, Report + "?format=csv");
        var later = await GetAsync(_acmeClient, Report + "?from=2026-11-21T00:00:00Z");
        var globex = await GetAsync(_globexClient, Report);

        Assert.All(new[] { csv, later, globex }, answer => Assert.Null(answer.Age));
        Assert.StartsWith("text/csv", csv.ContentType, StringComparison.Ordinal);
        Assert.Equal("[]", later.Body.Trim());
        Assert.Contains("\"sessions\":1", json.Body, StringComparison.Ordinal);
        Assert.Contains("\"sessions\":2", globex.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_share_links_rows_are_the_kept_answer_its_report_gives_with_the_same_filters()
    {
        using var created = await _acmeClient.PostAsJsonAsync("/api/v1/shares", new { report = "inbound-sources", expires_in_days = 7 }, Ct);
        using var link = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct));
        var rows = new Uri(link.RootElement.GetProperty("url").GetString()!).PathAndQuery + "/rows";
        using var anyone = _api.Client(null);

        var first = await GetAsync(anyone, rows);
        var again = await GetAsync(anyone, rows);
        var direct = await GetAsync(_acmeClient, Report);

        Assert.Null(first.Age);
        Assert.NotNull(again.Age);
        Assert.NotNull(direct.Age);
        Assert.Equal(first.Body, direct.Body);
    }

    [Fact]
    public async Task After_a_scheduled_refresh_the_answers_people_were_reading_are_computed_again_before_anyone_asks()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 17, 59, 0, TimeSpan.Zero));
        await using var app = await StartAtAsync(clock);
        using var client = await ClientAsync(app, KeyScope.Read);
        Assert.Contains("\"sessions\":1", (await GetAsync(client, Report)).Body, StringComparison.Ordinal);
        await _store.IngestAsync(_acme.Inbound("15:00:00", "again", id: "later"));

        clock.Advance(TimeSpan.FromMinutes(1));
        await RenewedAsync(app.Services.GetRequiredService<KeptReports>());
        var renewed = await GetAsync(client, Report);
        Assert.NotNull(renewed.Age);
        Assert.Contains("\"sessions\":2", renewed.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_refresh_asked_for_the_answers_people_were_reading_are_computed_again_before_anyone_asks()
    {
        await using var app = await StartAtAsync(new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 17, 30, 0, TimeSpan.Zero)));
        using var client = await ClientAsync(app, KeyScope.Admin);
        Assert.Contains("\"sessions\":1", (await GetAsync(client, Report)).Body, StringComparison.Ordinal);
        await _store.IngestAsync(_acme.Inbound("15:00:00", "again", id: "later"));

        using (var refreshed = await client.PostAsync("/api/v1/refresh", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        }

        await RenewedAsync(app.Services.GetRequiredService<KeptReports>());
        var renewed = await GetAsync(client, Report);
        Assert.NotNull(renewed.Age);
        Assert.Contains("\"sessions\":2", renewed.Body, StringComparison.Ordinal);
    }

    /// <summary>The host on <paramref name="clock"/>: its refreshes, and its schedule's, are as of that time.</summary>
    private async Task<WebApplication> StartAtAsync(TimeProvider clock)
    {
        var app = AnalyticsWebApp.Create(_store.Store, new WebHostSettings(), b => b.WebHost.UseTestServer(), clock);
        await app.StartAsync(Ct);
        return app;
    }

    private async Task<HttpClient> ClientAsync(WebApplication app, KeyScope scope)
    {
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", (await _store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "t", scope, Ct)).Key);
        return client;
    }

    /// <summary>Waits until acme has an answer kept at <paramref name="version"/> or later (its first refresh is version 1).</summary>
    private static Task RenewedAsync(KeptReports kept, long version = 2) => Waiting.UntilAsync(
        () => kept.OlderThan(WorkspaceId.Parse("acme"), long.MaxValue).Any(a => a.Version >= version),
        () => $"no answer was computed again at data version {version}");

    private static async Task<(string Body, string? ContentType, TimeSpan? Age)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync(Ct), response.Content.Headers.ContentType?.ToString(), response.Headers.Age);
    }

    public async ValueTask DisposeAsync()
    {
        _acmeClient.Dispose();
        _globexClient.Dispose();
        await _api.DisposeAsync();
    }
}
