using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Web.Tests;

public sealed class TeamAccessOnPostgreSqlTests(PostgreSqlStores stores) : TeamAccessTests(stores), IClassFixture<PostgreSqlStores>;
