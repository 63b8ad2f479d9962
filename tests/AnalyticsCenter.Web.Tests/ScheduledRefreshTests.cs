using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
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
            RefreshSchedule.Every(TimeSpan.FromHours(hours)).NextAfter(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-11-20T14:03:20Z", 1, "2026-11-20T14:04:00Z")]
    [InlineData("2026-11-20T14:04:00Z", 1, "2026-11-20T14:05:00Z")]
    [InlineData("2026-11-20T23:59:59Z", 1, "2026-11-21T00:00:00Z")]
    [InlineData("2026-11-20T14:03:20Z", 5, "2026-11-20T14:05:00Z")]
    public void A_schedule_in_minutes_runs_at_the_next_multiple_of_its_minutes(string now, int minutes, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            RefreshSchedule.Every(TimeSpan.FromMinutes(minutes)).NextAfter(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(60, "every 1m, aligned to UTC")]
    [InlineData(90, "every 90s, aligned to UTC")]
    [InlineData(3 * 3600, "every 3h, aligned to UTC")]
    public void An_interval_is_said_as_it_is_written_on_the_command_line(int seconds, string expected) =>
        Assert.Equal(expected, RefreshSchedule.Every(TimeSpan.FromSeconds(seconds)).ToString());

    [Theory]
    [InlineData("0 */3 * * *", "2026-11-20T17:59:00Z", "2026-11-20T18:00:00Z")]
    [InlineData("0 */3 * * *", "2026-11-20T18:00:00Z", "2026-11-20T21:00:00Z")]
    [InlineData("30 2 * * *", "2026-11-20T02:30:00Z", "2026-11-21T02:30:00Z")]
    [InlineData("15 6 * * 1", "2026-11-20T12:00:00Z", "2026-11-23T06:15:00Z")]
    [InlineData("0 0 1 * *", "2026-11-20T12:00:00-05:00", "2026-12-01T00:00:00Z")]
    public void A_cron_schedule_names_the_next_matching_instant_in_utc(string cron, string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            RefreshSchedule.Cron(cron).NextAfter(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("every three hours")]
    [InlineData("0 */3 * *")]
    [InlineData("61 * * * *")]
    public void Text_that_is_not_a_cron_expression_is_refused_in_words(string cron) =>
        Assert.Contains("is not a cron expression", Assert.Throws<FormatException>(() => RefreshSchedule.Cron(cron)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_cron_expression_that_never_matches_has_no_next_refresh() =>
        Assert.Null(RefreshSchedule.Cron("0 0 30 2 *").NextAfter(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task The_refresh_runs_at_the_boundary_as_of_that_instant_and_status_names_the_next_one()
    {
        using var store = new TestStore();
        await store.IngestAsync(new EventLines().Inbound("17:30:00", "hola"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 17, 59, 0, TimeSpan.Zero));
        await using var app = AnalyticsWebApp.Create(store.Store, new WebHostSettings(), b => b.WebHost.UseTestServer(), clock);
        await app.StartAsync(Ct);
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", (await store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "t", KeyScope.Read, Ct)).Key);

        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/status", Ct);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("as_of").ValueKind);
        Assert.Equal(new DateTime(2026, 11, 20, 18, 0, 0, DateTimeKind.Utc), before.GetProperty("next_refresh_at").GetDateTime().ToUniversalTime());

        clock.Advance(TimeSpan.FromMinutes(1));
        var after = await StatusOnceRefreshedAsOf(client, At("18:00:00"));

        Assert.Equal(new DateTime(2026, 11, 20, 21, 0, 0, DateTimeKind.Utc), after.GetProperty("next_refresh_at").GetDateTime().ToUniversalTime());
        Assert.Equal(1, after.GetProperty("sessions").GetInt64());
    }

    [Fact]
    public async Task A_one_minute_schedule_refreshes_every_minute_and_status_says_how_fresh_the_data_is()
    {
        using var store = new TestStore();
        await store.IngestAsync(new EventLines(phone: "573001110001").Inbound("14:02:10", "hola"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 14, 2, 30, TimeSpan.Zero));
        var settings = new WebHostSettings { RefreshEvery = RefreshSchedule.Every(TimeSpan.FromMinutes(1)) };
        await using var app = AnalyticsWebApp.Create(store.Store, settings, b => b.WebHost.UseTestServer(), clock);
        await app.StartAsync(Ct);
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", (await store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "t", KeyScope.Read, Ct)).Key);

        var before = await Status(client);
        Assert.Equal(At("14:03:00"), before.GetProperty("next_refresh_at").GetDateTime().ToUniversalTime());
        Assert.Equal("every 1m, aligned to UTC", before.GetProperty("refresh_schedule").GetString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("refreshed_at").ValueKind);

        clock.Advance(TimeSpan.FromSeconds(30));
        var first = await StatusOnceRefreshedAsOf(client, At("14:03:00"));
        Assert.Equal(1, first.GetProperty("sessions").GetInt64());
        Assert.Equal(JsonValueKind.String, first.GetProperty("refreshed_at").ValueKind);
        Assert.Equal(At("14:04:00"), first.GetProperty("next_refresh_at").GetDateTime().ToUniversalTime());

        // A user who writes in during the next minute is in the tables after the next minute's refresh.
        await store.IngestAsync(new EventLines(phone: "573001110002").Inbound("14:03:20", "buenas"));
        clock.Advance(TimeSpan.FromSeconds(75));
        var second = await StatusOnceRefreshedAsOf(client, At("14:04:00"));
        Assert.Equal(2, second.GetProperty("sessions").GetInt64());
        Assert.Equal(At("14:04:15"), second.GetProperty("server_time").GetDateTime().ToUniversalTime());
        Assert.Equal(At("14:05:00"), second.GetProperty("next_refresh_at").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task Status_without_a_schedule_names_no_next_refresh()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 14, 2, 30, TimeSpan.Zero));
        using var store = new TestStore(time: new FixedTimeProvider(clock.GetUtcNow()));
        await store.IngestAsync(new EventLines().Inbound("14:02:10", "hola"));
        await using var app = AnalyticsWebApp.Create(store.Store, new WebHostSettings { RefreshEvery = null }, b => b.WebHost.UseTestServer(), clock);
        await app.StartAsync(Ct);
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", (await store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "t", KeyScope.Read, Ct)).Key);
        await store.Store.RefreshAsync(At("14:02:00"), Ct);

        var status = await Status(client);

        Assert.Equal(At("14:02:00"), status.GetProperty("as_of").GetDateTime().ToUniversalTime());
        Assert.Equal(At("14:02:30"), status.GetProperty("refreshed_at").GetDateTime().ToUniversalTime());
        Assert.Equal(At("14:02:30"), status.GetProperty("server_time").GetDateTime().ToUniversalTime());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("next_refresh_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("refresh_schedule").ValueKind);
    }

    [Fact]
    public async Task A_cron_schedule_refreshes_at_each_match_and_retention_applies_every_time()
    {
        using var store = new TestStore(new Storage.DuckDb.DuckDbStoreOptions { Retention = RetentionPeriod.Of(TimeSpan.FromDays(1)) });
        await store.IngestAsync(new EventLines().Inbound("11:00:00", "hola"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 11, 59, 0, TimeSpan.Zero));
        var settings = new WebHostSettings { RefreshEvery = RefreshSchedule.Cron("0 12 * * *") };
        await using var app = AnalyticsWebApp.Create(store.Store, settings, b => b.WebHost.UseTestServer(), clock);
        await app.StartAsync(Ct);
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", (await store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "t", KeyScope.Read, Ct)).Key);
        Assert.Equal(Noon(20), (await Status(client)).GetProperty("next_refresh_at").GetDateTime().ToUniversalTime());

        clock.Advance(TimeSpan.FromMinutes(1));
        var first = await StatusOnceRefreshedAsOf(client, Noon(20));
        Assert.Equal(1, first.GetProperty("sessions").GetInt64());
        Assert.Equal(Noon(21), first.GetProperty("next_refresh_at").GetDateTime().ToUniversalTime());

        // A day later the session began before the one-day window: the next scheduled refresh drops it.
        clock.Advance(TimeSpan.FromDays(1));
        var second = await StatusOnceRefreshedAsOf(client, Noon(21));
        Assert.Equal(0, second.GetProperty("sessions").GetInt64());
        Assert.Equal(Noon(22), second.GetProperty("next_refresh_at").GetDateTime().ToUniversalTime());
    }

    private static DateTime Noon(int day) => new(2026, 11, day, 12, 0, 0, DateTimeKind.Utc);

    private static DateTime At(string time) => EventLines.Utc(time);

    private static async Task<JsonElement> Status(HttpClient client) => await client.GetFromJsonAsync<JsonElement>("/api/v1/status", Ct);

    /// <summary>The status once the scheduler has refreshed as of <paramref name="asOf"/> and named its next run.</summary>
    private static Task<JsonElement> StatusOnceRefreshedAsOf(HttpClient client, DateTime asOf) => Waiting.ForAsync(
        () => Status(client),
        status => status.GetProperty("as_of").ValueKind != JsonValueKind.Null && status.GetProperty("as_of").GetDateTime().ToUniversalTime() == asOf
            && status.GetProperty("next_refresh_at").GetDateTime().ToUniversalTime() > asOf,
        status => $"no scheduled refresh as of {asOf:o}; last status {status}");
}
