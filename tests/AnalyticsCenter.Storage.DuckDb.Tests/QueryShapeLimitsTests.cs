using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>A query's text and its result's width are bounded, and past either it is refused in words before it runs.</summary>
public sealed class QueryShapeLimitsTests : IAsyncLifetime
{
    private readonly TestStore _store = new(new DuckDbStoreOptions { MaxQueryLength = 2_000, MaxResultColumns = 60 });

    public async ValueTask InitializeAsync()
    {
        await _store.IngestAsync(new EventLines("acme").Inbound("09:00:00", "hola"));
        await _store.RefreshAsync("12:00:00");
    }

    [Theory]
    [InlineData(2_001)]
    [InlineData(2_000_000)]
    public async Task A_query_longer_than_the_limit_is_refused_with_its_length(int length)
    {
        var sql = "SELECT 1 AS x" + new string(' ', length - "SELECT 1 AS x".Length);

        var refusal = await Assert.ThrowsAsync<QueryRefusedException>(() => _store.RowsAsync(sql));

        Assert.Contains($"{length:N0} characters", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("at most 2,000", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_as_long_as_the_limit_runs() =>
        Assert.Single(await _store.RowsAsync("SELECT 1 AS x" + new string(' ', 2_000 - "SELECT 1 AS x".Length)));

    [Theory]
    [InlineData("SELECT * FROM sessions s1, sessions s2, sessions s3")]
    [InlineData("SELECT * FROM deployments d1, deployments d2, deployments d3, deployments d4, deployments d5, deployments d6")]
    [InlineData("SELECT unnest({a: 1, b: 2}), * FROM sessions a, sessions b, (SELECT * FROM sessions) c")]
    public async Task A_result_wider_than_the_limit_is_refused_before_any_row_is_read(string sql)
    {
        var rowsRead = 0;

        var refusal = await Assert.ThrowsAsync<QueryRefusedException>(() => _store.Store.QueryAsync(WorkspaceId.Parse("acme"), sql, reader =>
        {
            rowsRead++;
            return Task.FromResult(0);
        }, TestContext.Current.CancellationToken));

        Assert.Matches("result has [0-9]+ columns and at most 60 may be returned", refusal.Message);
        Assert.Equal(0, rowsRead);
    }

    [Fact]
    public async Task An_export_wider_than_the_limit_is_refused_and_writes_nothing()
    {
        using var destination = new MemoryStream();

        var refusal = await Assert.ThrowsAsync<QueryRefusedException>(() => _store.Store.ExportParquetAsync(
            WorkspaceId.Parse("acme"), "SELECT * FROM sessions s1, sessions s2, sessions s3", new Dictionary<string, object?>(), destination,
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("84 columns", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, destination.Length);
    }

    [Fact]
    public async Task A_result_within_the_limit_runs() =>
        Assert.Equal(56, await _store.Store.QueryAsync(
            WorkspaceId.Parse("acme"), "SELECT * FROM sessions s1, sessions s2", reader => Task.FromResult(reader.FieldCount),
            TestContext.Current.CancellationToken));

    public ValueTask DisposeAsync()
    {
        _store.Dispose();
        return ValueTask.CompletedTask;
    }
}
