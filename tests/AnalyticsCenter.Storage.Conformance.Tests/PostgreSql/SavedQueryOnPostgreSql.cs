using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Conformance.Tests.PostgreSql;

public sealed class SavedQueryOnPostgreSql(PostgreSqlStores stores) : SavedQueryTests(stores), IClassFixture<PostgreSqlStores>;
