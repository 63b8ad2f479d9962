using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Conformance.Tests.PostgreSql;

public sealed class WhatsAppStoreOnPostgreSql(PostgreSqlStores stores) : WhatsAppStoreTests(stores), IClassFixture<PostgreSqlStores>
{
    protected override Task<long> StatusesKeptAsync(StoreUnderTest store) =>
        ((PostgresTestStore)store).ScalarAsync<long>("SELECT count(*) FROM analytics.whatsapp_statuses");
}
