namespace AnalyticsCenter.Core.Alerts;

/// <summary>Whether an alert's condition held at its last check.</summary>
public enum AlertState
{
    /// <summary>It did not (or the alert was never checked).</summary>
    Ok,

    /// <summary>It did: a "firing" notification went out when it started to.</summary>
    Firing,
}
