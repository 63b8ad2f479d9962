namespace AnalyticsCenter.Storage.Postgres;

/// <summary>What a name of <see cref="TenantFunctionList"/> is, as the list's sections say.</summary>
internal enum TenantFunctionKind
{
    /// <summary>A function of values in pg_proc (the operators' own functions included).</summary>
    Scalar,

    /// <summary>A set-returning function in pg_proc (generate_series, unnest…).</summary>
    SetReturning,

    /// <summary>An aggregate in pg_proc, also usable over a window.</summary>
    Aggregate,

    /// <summary>A function only a window calls (row_number, lag…).</summary>
    Window,

    /// <summary>Syntax written like a call (CAST (…), x IN (…), OVER (…)): no function in pg_proc.</summary>
    Construct,
}
