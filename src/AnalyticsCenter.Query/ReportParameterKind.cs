namespace AnalyticsCenter.Query;

/// <summary>
/// What kind of value a report parameter takes, the same in every store: each dialect's SQL casts it to its own type
/// (DuckDB's <c>$from::TIMESTAMP</c>, PostgreSQL's <c>@from::timestamp</c>).
/// </summary>
public enum ReportParameterKind
{
    /// <summary>An instant, UTC (<see cref="DateTime"/>).</summary>
    Timestamp,

    /// <summary>A string.</summary>
    Text,

    /// <summary>A whole number (<see cref="int"/>).</summary>
    WholeNumber,
}
