namespace AnalyticsCenter.Core.Audit;

/// <summary>How an audited action ended. Stored by name; never rename a member.</summary>
public enum AuditOutcome
{
    /// <summary>It was done.</summary>
    Succeeded,

    /// <summary>It was refused (a wrong password, a bad token); the entry's detail says why.</summary>
    Refused,
}
