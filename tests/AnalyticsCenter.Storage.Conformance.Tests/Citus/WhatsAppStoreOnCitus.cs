using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Citus;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Conformance.Tests.Citus;

public sealed class WhatsAppStoreOnCitus(CitusStores stores) : WhatsAppStoreTests(stores), IClassFixture<CitusStores>
{
    protected override Task<long> StatusesKeptAsync(StoreUnderTest store) =>
        ((PostgresTestStore)store).ScalarAsync<long>("SELECT count(*) FROM analytics.whatsapp_statuses");
}
