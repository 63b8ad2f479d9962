namespace AnalyticsCenter.Web.Api;

/// <summary>The overview's figures over a range of days; durations in seconds, averaged over finished sessions.</summary>
internal sealed record OverviewTotals(
    long Sessions = 0, long FinishedSessions = 0, double FinishedDurationS = 0, double ActiveDurationS = 0, long Deployments = 0, long Delivered = 0)
{
    /// <summary>Share of deployments delivered; null with no deployments.</summary>
    public double? DeliveryRate => Deployments == 0 ? null : (double)Delivered / Deployments;

    /// <summary>Mean of finished − started; null with no finished session.</summary>
    public double? AvgDurationS => FinishedSessions == 0 ? null : FinishedDurationS / FinishedSessions;

    /// <summary>Mean of the user's last message − started (0 when the user wrote nothing); null with no finished session.</summary>
    public double? AvgActiveDurationS => FinishedSessions == 0 ? null : ActiveDurationS / FinishedSessions;

    public OverviewTotals Add(double sessions, double finished, double finishedDurationS, double activeDurationS, double deployments, double delivered) =>
        new(Sessions + (long)sessions, FinishedSessions + (long)finished, FinishedDurationS + finishedDurationS, ActiveDurationS + activeDurationS,
            Deployments + (long)deployments, Delivered + (long)delivered);
}
