using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Query;

/// <summary>How each dialect's SQL files name a parameter: DuckDB's <c>$name</c>, Npgsql's <c>@name</c>.</summary>
internal static class SqlParameters
{
    public static char Sigil(SqlDialect dialect) => dialect switch
    {
        SqlDialect.DuckDb => '$',
        SqlDialect.PostgreSql => '@',
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "no such SQL dialect"),
    };
}
