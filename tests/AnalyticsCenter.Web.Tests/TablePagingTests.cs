using System.Text.Json;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Web.Tests;

/// <summary>Keyset paging where many rows share one instant: every row once, in (instant, id) order.</summary>
public sealed class TablePagingTests : IAsyncLifetime
{
    private readonly TestStore _store = new();
    private TestApi _api = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        // Seven users write at the same second, two more a minute later.
        var lines = Enumerable.Range(0, 9).Select(i =>
            new EventLines("acme", phone: $"5730012345{i:00}").Inbound(i < 7 ? "12:00:00" : "12:01:00", $"hola {i}"));
        await _store.IngestAsync(lines);
        await _store.RefreshAsync("18:00:00");
        _api = await TestApi.StartAsync(_store);
        _client = _api.Client(await _api.KeyAsync("acme"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public async Task Pages_cut_through_rows_of_one_instant_without_losing_or_repeating_any(int limit)
    {
        var seen = new List<(string Started, string Id)>();
        string? cursor = null;
        do
        {
            var query = $"/api/v1/tables/sessions?limit={limit}{(cursor is null ? "" : "&cursor=" + cursor)}";
            using var page = JsonDocument.Parse(await _client.GetStringAsync(query, TestContext.Current.CancellationToken));
            var rows = page.RootElement.GetProperty("rows").EnumerateArray().ToList();
            Assert.InRange(rows.Count, 1, limit);
            seen.AddRange(rows.Select(r => (r.GetProperty("session_started_timestamp").GetString()!, r.GetProperty("session_id").GetString()!)));
            cursor = page.RootElement.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(9, seen.Select(r => r.Id).Distinct().Count());
        Assert.Equal(9, seen.Count);
        Assert.Equal(seen.OrderByDescending(r => r.Started, StringComparer.Ordinal).ThenByDescending(r => r.Id, StringComparer.Ordinal), seen);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }
}
