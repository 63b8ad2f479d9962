namespace AnalyticsCenter.Core.Alerts;

/// <summary>When an alert's condition holds.</summary>
public enum AlertOperator
{
    /// <summary>The number is below the threshold.</summary>
    Below,

    /// <summary>The number is above the threshold.</summary>
    Above,

    /// <summary>The query returns no rows (the threshold is not used).</summary>
    NoRows,
}
