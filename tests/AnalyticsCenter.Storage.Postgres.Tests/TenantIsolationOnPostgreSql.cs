namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>The attack list on one PostgreSQL server.</summary>
public sealed class TenantIsolationOnPostgreSql : TenantIsolationTests, IClassFixture<TenantStore>
{
    private readonly TenantStore _store;

    public TenantIsolationOnPostgreSql(TenantStore store)
        : base(store) => _store = store;

    [Fact]
    public async Task A_tenant_learns_the_store_wide_row_count_from_the_catalog_and_an_ordinary_owner_cannot_revoke_it()
    {
        // Measured: pg_class, pg_stat_all_tables and pg_relation_size tell any role how many rows the shared tables hold (all
        // workspaces together), never which or whose (pg_stat_all_tables too, once the server's statistics are flushed). They
        // belong to the bootstrap superuser; the store's REVOKE is a no-op.
        const string Probe = """
            SELECT concat_ws(',', c.reltuples, pg_relation_size(c.oid) > 0)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'analytics' AND c.relname = 'sessions'
            """;
        Assert.Equal("3,t", await RunAsTenantAsync(Probe));

        await _store.ExecuteAsync("""
            REVOKE SELECT ON pg_catalog.pg_class, pg_catalog.pg_stat_all_tables FROM PUBLIC;
            REVOKE EXECUTE ON FUNCTION pg_catalog.pg_relation_size(regclass) FROM PUBLIC
            """);

        Assert.Equal("3,t", await RunAsTenantAsync(Probe));
    }
}
