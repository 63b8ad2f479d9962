namespace AnalyticsCenter.Core.Audit;

/// <summary>An entry of a workspace's audit log, as the store keeps it.</summary>
/// <param name="Id">Its number: later entries of the store have higher ones; the cursor of <c>before</c> paging.</param>
/// <param name="AtUtc">When it was recorded (the store's clock).</param>
/// <param name="What">What happened.</param>
public sealed record AuditEntry(long Id, DateTime AtUtc, AuditRecord What)
{
    /// <summary>How long entries are kept unless the store is told otherwise: a year, well beyond the events' 30 days.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(365);

    /// <summary>The most entries one read returns.</summary>
    public const int MaxPage = 1000;
}
