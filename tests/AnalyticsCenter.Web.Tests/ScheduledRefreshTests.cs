using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace AnalyticsCenter.Web.Tests;

/// <summary>The 3-hourly refresh, aligned to the clock in UTC, driven by an injected clock.</summary>
public sealed class ScheduledRefreshTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2026-11-20T17:59:00Z", 3, "2026-11-20T18:00:00Z")]
    [InlineData("2026-11-20T18:00:00Z", 3, "2026-11-20T21:00:00Z")]
    [InlineData("2026-11-20T23:30:00Z", 3, "2026-11-21T00:00:00Z")]
    [InlineData("2026-11-20T00:00:01Z", 1, "2026-11-20T01:00:00Z")]
    public void The_next_refresh_is_the_next_multiple_of_the_interval_from_midnight_utc(string now, int hours, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            ScheduledRefresh.NextBoundary(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(hours)));

    [Fact]
    public async Task The_refresh_runs_at_the_boundary_as_of_that_instant_and_status_names_the_next_one()
    {
        using var store = new TestStore();
        store.Ingest(new EventLines().Inbound("17:30:00", "hola"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 17, 59, 0, TimeSpan.Zero));
        await using var app = AnalyticsWebApp.Create(store.Store, new WebHostSettings(), b => b.WebHost.UseTestServer(), clock);
        await app.StartAsync(Ct);
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", store.Store.CreateKey(WorkspaceId.Parse("acme"), "t", KeyScope.Read).Key);

        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/status", Ct);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("as_of").ValueKind);
        Assert.Equal(new DateTime(2026, 11, 20, 18, 0, 0, DateTimeKind.Utc), before.GetProperty("next_refresh_at").GetDateTime().ToUniversalTime());

        clock.Advance(TimeSpan.FromMinutes(1));
        JsonElement after = default;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            after = await client.GetFromJsonAsync<JsonElement>("/api/v1/status", Ct);
            if (after.GetProperty("as_of").ValueKind != JsonValueKind.Null && after.GetProperty("next_refresh_at").GetDateTime().ToUniversalTime().Hour == 21)
            {
                break;
            }

            await Task.Delay(25, Ct);
        }

        Assert.Equal(new DateTime(2026, 11, 20, 18, 0, 0, DateTimeKind.Utc), after.GetProperty("as_of").GetDateTime().ToUniversalTime());
        Assert.Equal(new DateTime(2026, 11, 20, 21, 0, 0, DateTimeKind.Utc), after.GetProperty("next_refresh_at").GetDateTime().ToUniversalTime());
        Assert.Equal(1, after.GetProperty("sessions").GetInt64());
    }
}
