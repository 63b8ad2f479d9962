using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Conformance.Tests.PostgreSql;

public sealed class WorkspaceRefreshOnPostgreSql(PostgreSqlStores stores) : WorkspaceRefreshTests(stores), IClassFixture<PostgreSqlStores>;
