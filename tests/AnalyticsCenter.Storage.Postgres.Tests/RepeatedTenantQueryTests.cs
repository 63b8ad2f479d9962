using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// Tenant statements through the store as it opens, which prepares its own statements on the server: a tenant statement
/// run again and again is still planned with its parameters' values, as the ready reports' optional filters need.
/// </summary>
public sealed class RepeatedTenantQueryTests(PostgresServer server) : IAsyncLifetime
{
    private PgTestStore _store = null!;

    public async ValueTask InitializeAsync() => _store = await PgTestStore.CreateAsync(server);

    public async ValueTask DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task An_empty_optional_filter_folds_away_however_often_the_statement_runs()
    {
        // The ELSE arm is planned only when the filter's value is unknown at planning (a generic plan), and there it divides by zero.
        const string sql = "SELECT CASE WHEN @country::text IS NULL THEN 0 ELSE 1 / 0 END AS n";
        var empty = new Dictionary<string, object?> { ["country"] = null };
        for (var run = 0; run < 10; run++)
        {
            var rows = await _store.Store.QueryAsync(WorkspaceId.Parse("acme"), sql, empty, TestStore.ReadAll, TestContext.Current.CancellationToken);
            Assert.Equal(0, Assert.Single(rows)["n"]);
        }
    }
}
