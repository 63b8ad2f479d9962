namespace AnalyticsCenter.Core.Storage;

/// <summary>The SQL a store's tenant statements and report files are written in.</summary>
public enum SqlDialect
{
    DuckDb,
    PostgreSql,
}
