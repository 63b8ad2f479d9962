using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.DuckDb;

public sealed class TenantSandboxOnDuckDb() : TenantSandboxTests(new DuckDbStores())
{
    /// <summary>DuckDB's own schemas, table functions, settings and statements: refused like every other way out of the two tables.</summary>
    [Theory]
    [InlineData("SELECT * FROM ac.events")]
    [InlineData("SELECT * FROM ac.sessions")]
    [InlineData("SELECT * FROM main.sessions")]
    [InlineData("SELECT * FROM temp.main.sessions")]
    [InlineData("SELECT * FROM duckdb_tables()")]
    [InlineData("SELECT * FROM duckdb_settings()")]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')")]
    [InlineData("SELECT * FROM '/etc/passwd'")]
    [InlineData("SELECT * FROM glob('/*')")]
    [InlineData("SELECT * FROM read_text('/etc/hostname')")]
    [InlineData("SELECT * FROM query('SELECT * FROM ac.events')")]
    [InlineData("SELECT getenv('HOME')")]
    [InlineData("SELECT current_setting('threads')")]
    [InlineData("SELECT nextval('s')")]
    [InlineData("SELECT ac.session_key('a', 1, 'b', 'c')")]
    [InlineData("SELECT main.getenv('HOME')")]
    [InlineData("SET threads = 1")]
    [InlineData("RESET threads")]
    [InlineData("ATTACH '/tmp/x.duckdb' AS x")]
    [InlineData("EXPORT DATABASE '/tmp/x'")]
    [InlineData("INSTALL httpfs")]
    [InlineData("LOAD httpfs")]
    [InlineData("PRAGMA database_list")]
    [InlineData("CHECKPOINT")]
    [InlineData("DESCRIBE sessions")]
    public Task DuckDBs_own_schemas_functions_and_statements_are_refused_in_words_and_change_nothing(string sql) => RefusedAndNothingChangedAsync(sql);
}
