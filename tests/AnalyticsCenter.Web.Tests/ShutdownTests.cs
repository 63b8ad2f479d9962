using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.Web.Api;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AnalyticsCenter.Web.Tests;

/// <summary>A stopping server refuses new writes (503, Retry-After) and still commits and answers the queued ones.</summary>
public sealed class ShutdownTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Once_stopping_new_ingests_get_503_and_the_queued_one_is_still_committed_and_answered()
    {
        using var store = new TestStore();
        await using var app = AnalyticsWebApp.Create(store.Store, new WebHostSettings { RefreshEvery = null }, b => b.WebHost.UseTestServer(), store.Time);
        await app.StartAsync(Ct);
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", (await store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "t", KeyScope.Admin, Ct)).Key);
        var acme = new EventLines();

        // The writer is busy, so the first request waits in the queue when the stop begins.
        var writer = app.Services.GetRequiredService<WriterQueue>();
        Assert.True(await writer.EnterAsync(Ct));
        var queued = client.PostAsync("/api/v1/events", Ndjson(acme.Inbound("12:00:00", "en cola")), Ct);
        await Waiting.UntilAsync(() => writer.Depth >= 2, () => "the request did not come to wait for the writer");

        app.Lifetime.StopApplication();
        var refused = await client.PostAsync("/api/v1/events", Ndjson(acme.Inbound("12:05:00", "tarde")), Ct);
        var refresh = await client.PostAsync("/api/v1/refresh", null, Ct);
        writer.Exit();
        var answered = await queued;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("shutting down", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(1, (await answered.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accepted").GetInt64());

        await store.RefreshAsync("13:00:00");
        Assert.Equal(["en cola"], (await store.RowsAsync("SELECT first_message FROM sessions")).Select(r => r["first_message"]));
    }

    private static StringContent Ndjson(params string[] lines) => new(string.Join('\n', lines) + "\n", Encoding.UTF8, "application/x-ndjson");
}
