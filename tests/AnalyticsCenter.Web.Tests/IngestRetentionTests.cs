using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace AnalyticsCenter.Web.Tests;

/// <summary>Backfilled history is accepted, and the answer says how much of it the next refresh will drop.</summary>
public sealed class IngestRetentionTests : IAsyncDisposable
{
    private readonly FixedTimeProvider _time = new(new DateTimeOffset(2026, 12, 20, 12, 0, 0, TimeSpan.Zero));
    private readonly TestStore _store;
    private WebApplication? _app;

    public IngestRetentionTests() => _store = new TestStore(time: _time);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_ingest_answer_counts_the_events_older_than_the_30_day_window()
    {
        var client = await ClientAsync(KeyScope.Ingest);
        var acme = new EventLines("acme");

        // The window starts at 2026-11-20T12:00Z: two events before it, one just inside, one rejected.
        var response = await client.PostAsync("/api/v1/events", new StringContent(string.Join('\n',
            acme.Inbound("2026-10-01T09:00:00Z"), acme.Inbound("2026-11-20T11:59:59Z"), acme.Inbound("2026-11-20T12:00:00Z"), "{broken"),
            Encoding.UTF8, "application/x-ndjson"), Ct);

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((3L, 2L), (answer.GetProperty("accepted").GetInt64(), answer.GetProperty("before_retention").GetInt64()));
    }

    [Fact]
    public async Task A_workspace_with_a_longer_window_of_its_own_is_told_only_of_events_before_it_and_status_names_it()
    {
        await _store.Store.SetRetentionAsync(WorkspaceId.Parse("acme"), RetentionPeriod.Of(TimeSpan.FromDays(60)), Ct);
        var client = await ClientAsync(KeyScope.Admin);
        var acme = new EventLines("acme");

        // Sixty days back is 2026-10-21T12:00Z.
        var response = await client.PostAsync("/api/v1/events", new StringContent(string.Join('\n',
            acme.Inbound("2026-10-01T09:00:00Z"), acme.Inbound("2026-10-21T12:00:00Z"), acme.Inbound("2026-11-01T12:00:00Z")),
            Encoding.UTF8, "application/x-ndjson"), Ct);

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((3L, 1L), (answer.GetProperty("accepted").GetInt64(), answer.GetProperty("before_retention").GetInt64()));
        Assert.Equal("60d", (await client.GetFromJsonAsync<JsonElement>("/api/v1/status", Ct)).GetProperty("retention").GetString());
    }

    private async Task<HttpClient> ClientAsync(KeyScope scope)
    {
        _app = AnalyticsWebApp.Create(_store.Store, new WebHostSettings(), b => b.WebHost.UseTestServer(), _time);
        await _app.StartAsync(Ct);
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await _store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "test", scope, Ct)).Key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _store.Dispose();
    }
}
