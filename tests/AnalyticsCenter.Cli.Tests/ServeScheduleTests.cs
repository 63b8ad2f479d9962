using System.Net.Http.Json;
using System.Text.Json;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Cli.Tests;

/// <summary><c>serve --refresh-every</c> with a short interval: what arrives over HTTP is in the tables soon after, unasked.</summary>
public sealed class ServeScheduleTests : IDisposable
{
    /// <summary>How long the schedule may take to show the events: many of its runs, even on a loaded machine.</summary>
    private static readonly TimeSpan s_patience = TimeSpan.FromMinutes(2);

    private readonly string _folder = Directory.CreateTempSubdirectory("ac-schedule-").FullName;

    [Fact]
    public async Task A_served_file_on_a_short_schedule_refreshes_what_arrives_over_http_and_says_so()
    {
        using var served = new ServedStore(_folder);
        await served.StartAsync("--refresh-every", "2s");
        using var client = served.Client();

        var outcomes = await served.SendAsync(ServedStore.Batches(1, 3), clients: 1);
        Assert.Equal(3, outcomes.Single().Accepted);

        var status = await StatusOnceRefreshedAsync(client);
        Assert.Equal(1, status.GetProperty("sessions").GetInt64());
        Assert.Equal("every 2s, aligned to UTC", status.GetProperty("refresh_schedule").GetString());
        Assert.True(status.GetProperty("next_refresh_at").GetDateTime() > status.GetProperty("as_of").GetDateTime());
        Assert.Contains(served.Log, line => line.Contains("refreshing every 2s, aligned to UTC", StringComparison.Ordinal));
        Assert.Equal(0, await served.TerminateAsync());
    }

    /// <summary>The workspace's status once a scheduled refresh has brought its session in.</summary>
    private static Task<JsonElement> StatusOnceRefreshedAsync(HttpClient client) => Waiting.ForAsync(
        () => client.GetFromJsonAsync<JsonElement>("/api/v1/status", TestContext.Current.CancellationToken),
        status => status.GetProperty("sessions").GetInt64() > 0,
        status => $"no scheduled refresh brought the session in; the last status: {status}", s_patience);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
