namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// How tenant SQL and BI logins are bounded on PostgreSQL. Immutable; the query limits default to the DuckDB store's
/// (<c>DuckDbStoreOptions</c>), so a query refused or interrupted on one store is on the other.
/// </summary>
public sealed record TenantAccessOptions
{
    /// <summary>A tenant query is interrupted after this long, its wait for a turn included. Default 30 seconds.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest tenant query, in characters; a longer one is refused before it is sent. Default 100,000.</summary>
    public int MaxQueryLength { get; init; } = 100_000;

    /// <summary>The most columns a tenant query's result may have; a wider one is refused before it runs. Default 500.</summary>
    public int MaxResultColumns { get; init; } = 500;

    /// <summary>Tenant queries that run at once in this process; the others wait their turn. Default 4.</summary>
    public int MaxConcurrentQueries { get; init; } = 4;

    /// <summary>
    /// Sessions a workspace's query role may hold at once, across every process of the store (its <c>CONNECTION LIMIT</c>).
    /// Default 16: four serving processes at <see cref="MaxConcurrentQueries"/> each.
    /// </summary>
    public int QueryRoleConnectionLimit { get; init; } = 16;

    /// <summary>Sessions one BI login may hold at once (its <c>CONNECTION LIMIT</c>). Default 5: a BI tool's small pool.</summary>
    public int BiConnectionLimit { get; init; } = 5;

    /// <summary>
    /// A BI login's statement timeout, also how long it may sit idle inside a transaction. Default 60 seconds: dashboards
    /// run heavier queries than the product's reports. A BI session can lower or lift it with SET (it is a user setting).
    /// </summary>
    public TimeSpan BiStatementTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>An idle session of a tenant or BI role is closed by the server after this long. Default 10 minutes.</summary>
    public TimeSpan IdleSessionTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The memory a tenant role's sort or hash may use before spilling, in kB (<c>work_mem</c>). Default 8,192.</summary>
    public int WorkMemKilobytes { get; init; } = 8_192;

    /// <summary>
    /// The largest value, in bytes, that one call of a function making a big value from a small input (repeat, lpad,
    /// array_fill, string_agg, array_agg…) may make in a tenant query; a bigger one is refused naming the function
    /// (Sql/Migrations/010_value_bounds.sql). Default 64 KiB, as the DuckDB store's <c>MaxValueBytes</c>.
    /// </summary>
    public int MaxValueBytes { get; init; } = 64 << 10;

    /// <summary>Rows per row group of a Parquet export: what the export holds in memory at once. Default 10,000.</summary>
    public int ParquetRowGroupRows { get; init; } = 10_000;
}
