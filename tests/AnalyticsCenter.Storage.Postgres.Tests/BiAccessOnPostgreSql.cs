namespace AnalyticsCenter.Storage.Postgres.Tests;

public sealed class BiAccessOnPostgreSql(TenantStore store) : BiAccessTests(store), IClassFixture<TenantStore>;
