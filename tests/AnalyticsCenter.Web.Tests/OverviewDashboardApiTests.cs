using System.Text;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Storage.Postgres;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// The overview dashboard's numbers over HTTP, the same on every store: every day of the range (empty ones as zeros), the
/// active duration beside the product's, the change against the previous range of the same length, and a breakdown's
/// key filtering the whole page. Five days from 15 Nov against the five before: one session before, two now.
/// </summary>
public abstract class OverviewDashboardApiTests : IAsyncLifetime
{
    private const string Range = "from=2026-11-15T00:00:00Z&to=2026-11-20T00:00:00Z&tz=UTC";

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The events: A (Colombia) talks 4 of 10 minutes on the 12th; B (Colombia) 2 of 30 on the 16th; C (US) says one thing on the 18th.</summary>
    protected static string Events()
    {
        var a = new EventLines("acme", phone: "573001111111");
        var b = new EventLines("acme", phone: "573002222222");
        var c = new EventLines("acme", phone: "14155552671");
        return string.Join('\n',
            a.Inbound("2026-11-12T10:00:00Z"), a.Inbound("2026-11-12T10:04:00Z"), a.AgentClosed("2026-11-12T10:10:00Z"),
            b.Inbound("2026-11-16T09:00:00Z"), b.Inbound("2026-11-16T09:02:00Z"), b.AgentClosed("2026-11-16T09:30:00Z"),
            c.Inbound("2026-11-18T12:00:00Z"), c.AgentClosed("2026-11-18T12:05:00Z")) + "\n";
    }

    protected static DateTime AsOf { get; } = new(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);

    protected abstract Task<HttpClient> ClientAsync();

    public abstract ValueTask InitializeAsync();

    public abstract ValueTask DisposeAsync();

    private async Task<JsonElement> GetAsync(string url)
    {
        using var client = await ClientAsync();
        using var response = await client.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Every_day_of_the_range_is_there_with_zeros_for_days_with_nothing()
    {
        var days = (await GetAsync("/api/v1/overview?" + Range)).EnumerateArray()
            .Select(d => (d.GetProperty("day").GetString(), d.GetProperty("sessions").GetInt64())).ToList();

        Assert.Equal([("2026-11-15", 0L), ("2026-11-16", 1L), ("2026-11-17", 0L), ("2026-11-18", 1L), ("2026-11-19", 0L)], days);
    }

    [Fact]
    public async Task A_day_has_the_products_duration_and_the_active_duration_to_the_last_message()
    {
        var day = (await GetAsync("/api/v1/overview?" + Range)).EnumerateArray().Single(d => d.GetProperty("day").GetString() == "2026-11-16");

        Assert.Equal(1800, day.GetProperty("finished_duration_s").GetDouble());
        Assert.Equal(120, day.GetProperty("active_duration_s").GetDouble());
    }

    [Fact]
    public async Task The_range_is_compared_with_the_previous_range_of_the_same_length()
    {
        var compare = await GetAsync("/api/v1/overview/compare?" + Range);

        Assert.Equal("2026-11-10T00:00:00Z", compare.GetProperty("previous_from").GetString());
        var (current, previous, change) = (compare.GetProperty("current"), compare.GetProperty("previous"), compare.GetProperty("change"));
        Assert.Equal((2L, 1L), (current.GetProperty("sessions").GetInt64(), previous.GetProperty("sessions").GetInt64()));
        Assert.Equal(1.0, change.GetProperty("sessions").GetDouble(), 6);
        // Now (30 min + 5 min) / 2 against 10 min; active (2 min + 0) / 2 against 4 min.
        Assert.Equal((1050.0, 600.0), (current.GetProperty("avg_duration_s").GetDouble(), previous.GetProperty("avg_duration_s").GetDouble()));
        Assert.Equal(0.75, change.GetProperty("avg_duration_s").GetDouble(), 6);
        Assert.Equal((60.0, 240.0), (current.GetProperty("avg_active_duration_s").GetDouble(), previous.GetProperty("avg_active_duration_s").GetDouble()));
        Assert.Equal(-0.75, change.GetProperty("avg_active_duration_s").GetDouble(), 6);
        // No deployments in either range: no rate, so no change.
        Assert.Equal(JsonValueKind.Null, change.GetProperty("delivery_rate").ValueKind);
    }

    [Fact]
    public async Task A_breakdowns_key_filters_the_days_the_comparison_and_the_breakdowns()
    {
        var countries = (await GetAsync("/api/v1/overview/breakdowns?" + Range)).EnumerateArray()
            .Where(row => row.GetProperty("breakdown").GetString() == "countries")
            .Select(row => (row.GetProperty("key").GetString(), row.GetProperty("value").GetInt64())).ToList();
        Assert.Equal([("+1", 1L), ("+57", 1L)], countries);

        var filtered = Range + "&country=%2B57";
        Assert.Equal(1, (await GetAsync("/api/v1/overview?" + filtered)).EnumerateArray().Sum(d => d.GetProperty("sessions").GetInt64()));
        Assert.Equal(1, (await GetAsync("/api/v1/overview/compare?" + filtered)).GetProperty("current").GetProperty("sessions").GetInt64());
        Assert.Equal(["+57"], (await GetAsync("/api/v1/overview/breakdowns?" + filtered)).EnumerateArray()
            .Where(row => row.GetProperty("breakdown").GetString() == "countries").Select(row => row.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task Compare_needs_a_range()
    {
        using var client = await ClientAsync();
        using var response = await client.GetAsync("/api/v1/overview/compare?tz=UTC", Ct);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("compare needs from and to", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}

/// <summary>The overview dashboard's numbers on DuckDB.</summary>
public sealed class OverviewDashboardOnDuckDbTests : OverviewDashboardApiTests
{
    private TestApi _api = null!;
    private string _key = "";

    public override async ValueTask InitializeAsync()
    {
        var store = new TestStore();
        await store.IngestTextAsync(Events());
        await store.RefreshAsync(AsOf);
        _api = await TestApi.StartAsync(store);
        _key = await _api.KeyAsync("acme");
    }

    protected override Task<HttpClient> ClientAsync() => Task.FromResult(_api.Client(_key));

    public override async ValueTask DisposeAsync() => await _api.DisposeAsync();
}

/// <summary>The overview dashboard's numbers on PostgreSQL.</summary>
public sealed class OverviewDashboardOnPostgreSqlTests(PostgresServer server) : OverviewDashboardApiTests
{
    private ServedPostgresStore _served = null!;

    public override async ValueTask InitializeAsync()
    {
        server.SkipUnlessRunning();
        var time = new FixedTimeProvider(new DateTimeOffset(AsOf));
        _served = await ServedPostgresStore.OpenAsync(server, new PostgresStoreOptions(), time);
        await _served.Store.IngestAsync(new MemoryStream(Encoding.UTF8.GetBytes(Events())), new IngestOptions { Source = "test.ndjson" }, Ct);
        await _served.Store.RefreshAsync(AsOf, Ct);
        await _served.StartAsync(new WebHostSettings(), time);
    }

    protected override Task<HttpClient> ClientAsync() => _served.ClientAsync("acme", KeyScope.Read);

    public override async ValueTask DisposeAsync()
    {
        if (_served is not null)
        {
            await _served.DisposeAsync();
        }
    }
}
