namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>BI logins on a Citus cluster, connected to its coordinator: their queries run on the workers as their own role.</summary>
public sealed class BiAccessOnCitus(CitusTenantStore store) : BiAccessTests(store), IClassFixture<CitusTenantStore>;
