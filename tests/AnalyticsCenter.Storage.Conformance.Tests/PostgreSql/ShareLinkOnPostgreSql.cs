using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Conformance.Tests.PostgreSql;

public sealed class ShareLinkOnPostgreSql(PostgreSqlStores stores) : ShareLinkTests(stores), IClassFixture<PostgreSqlStores>;
