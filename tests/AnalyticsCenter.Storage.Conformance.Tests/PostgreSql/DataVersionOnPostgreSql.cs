using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Conformance.Tests.PostgreSql;

public sealed class DataVersionOnPostgreSql(PostgreSqlStores stores) : DataVersionTests(stores), IClassFixture<PostgreSqlStores>;
