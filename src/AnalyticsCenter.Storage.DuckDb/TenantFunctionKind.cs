namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>What an allowed function of <see cref="TenantFunctionList"/> is: where a query may call it.</summary>
internal enum TenantFunctionKind
{
    /// <summary>A function of values (macros and the operators the parser writes as functions included).</summary>
    Scalar,

    /// <summary>An aggregate, also usable over a window.</summary>
    Aggregate,

    /// <summary>A function only a window calls (row_number, lag…).</summary>
    Window,

    /// <summary>A row generator: a table function in FROM, and callable in expressions too.</summary>
    Generator,
}
