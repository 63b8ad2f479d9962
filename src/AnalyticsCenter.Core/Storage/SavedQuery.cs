using AnalyticsCenter.Core.Audit;

namespace AnalyticsCenter.Core.Storage;

/// <summary>A query a workspace saved to run again, as the store keeps it.</summary>
/// <param name="Id">Its identifier (16 lowercase hex characters), unique in the store.</param>
/// <param name="Name">The name it was saved under, unique within its workspace.</param>
/// <param name="Sql">The query's text, as saved (it is checked when it runs, not when it is saved).</param>
/// <param name="SavedAtUtc">When it was last saved.</param>
/// <param name="CreatedBy">Who first saved it; null for a query saved before the store recorded it.</param>
/// <param name="ChangedBy">Who last saved it; null likewise.</param>
public sealed record SavedQuery(string Id, string Name, string Sql, DateTime SavedAtUtc, Actor? CreatedBy, Actor? ChangedBy)
{
    /// <summary>The longest name allowed.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The longest query text allowed, in characters.</summary>
    public const int MaxSqlLength = 100_000;
}
