using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Citus;
using Npgsql;

namespace AnalyticsCenter.Storage.Conformance.Tests.Citus;

public sealed class WhatsAppStoreOnCitus(CitusStores stores) : WhatsAppStoreTests(stores), IClassFixture<CitusStores>
{
    protected override async Task<long> StatusesKeptAsync(StoreUnderTest store)
    {
        await using var connection = new NpgsqlConnection(((PostgresTestStore)store).ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM analytics.whatsapp_statuses", connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
