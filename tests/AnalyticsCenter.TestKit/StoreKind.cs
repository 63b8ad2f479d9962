namespace AnalyticsCenter.TestKit;

/// <summary>The stores the conformance suite runs over.</summary>
public enum StoreKind
{
    DuckDb,
    PostgreSql,
}
