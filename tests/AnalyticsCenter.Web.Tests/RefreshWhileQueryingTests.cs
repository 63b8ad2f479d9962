using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using Microsoft.AspNetCore.TestHost;

namespace AnalyticsCenter.Web.Tests;

/// <summary>A refresh replaces the tables in one transaction: queries meanwhile answer from the previous tables.</summary>
public sealed class RefreshWhileQueryingTests
{
    private const int Users = 15_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Queries_during_a_long_refresh_answer_from_the_previous_tables_without_waiting_for_it()
    {
        using var store = new TestStore();
        await store.IngestTextAsync(ManyUsersAllDay());
        await store.RefreshAsync("12:00:00");
        var before = await SessionCountAsync(store);

        await using var app = AnalyticsWebApp.Create(store.Store, new WebHostSettings { RefreshEvery = null }, b => b.WebHost.UseTestServer(), store.Time);
        await app.StartAsync(Ct);
        var admin = app.GetTestClient();
        admin.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", (await store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "admin", KeyScope.Admin, Ct)).Key);
        var reader = app.GetTestClient();
        reader.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", (await store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "read", KeyScope.Read, Ct)).Key);

        var refresh = admin.PostAsync("/api/v1/refresh", null, Ct);
        var answeredDuring = new List<(long Count, TimeSpan Took)>();
        while (!refresh.IsCompleted)
        {
            var watch = Stopwatch.StartNew();
            var count = await CountThroughApi(reader);
            if (!refresh.IsCompleted)
            {
                answeredDuring.Add((count, watch.Elapsed));
            }
        }

        var refreshed = await (await refresh).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var after = await CountThroughApi(reader);
        Assert.True(after > before);

        // Every answer is the whole previous table until the commit, then the whole new one (the commit can land a moment
        // before the refresh's answer does); never anything in between, never back.
        var counts = answeredDuring.Select(a => a.Count).ToList();
        var previous = counts.TakeWhile(c => c == before).Count();
        Assert.True(previous > 1, $"only {previous} queries answered before the refresh committed");
        Assert.All(counts.Skip(previous), c => Assert.Equal(after, c));

        // A query that waited for the refresh would take the rest of it; one slowed by a busy machine now and then is no sign.
        var typical = answeredDuring.Select(a => a.Took).Order().ElementAt(answeredDuring.Count / 2);
        Assert.True(typical.TotalSeconds < refreshed.GetProperty("seconds").GetDouble() / 4,
            $"queries waited for the refresh (the median took {typical} of {refreshed.GetProperty("seconds").GetDouble()} s)");
    }

    private static async Task<long> SessionCountAsync(TestStore store) =>
        Convert.ToInt64((await store.RowsAsync("SELECT count(*) AS n FROM sessions"))[0]["n"], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<long> CountThroughApi(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/query", new { sql = "SELECT count(*) AS n FROM sessions" }, Ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return body[0].GetProperty("n").GetInt64();
    }

    /// <summary>Each user writes every two hours all day: twelve sessions each by midnight, half of them by noon.</summary>
    private static string ManyUsersAllDay()
    {
        var text = new StringBuilder();
        for (var user = 0; user < Users; user++)
        {
            var lines = new EventLines(phone: $"57300{user:D7}");
            for (var hour = 0; hour < 24; hour += 2)
            {
                text.Append(lines.Inbound($"{hour:D2}:{user % 60:D2}:00")).Append('\n');
            }
        }

        return text.ToString();
    }
}
