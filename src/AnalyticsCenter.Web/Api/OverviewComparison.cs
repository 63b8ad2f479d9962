namespace AnalyticsCenter.Web.Api;

/// <summary>
/// What <c>/api/v1/overview/compare</c> answers: a range's totals, the previous range of the same length's (ending where
/// it starts), and the changes: relative for counts and durations (0.1 = 10 % more), in points of share for the
/// delivery rate (0.02 = two points up); null where the previous range has nothing to compare with.
/// </summary>
internal sealed record OverviewComparison(
    DateTime From, DateTime To, DateTime PreviousFrom, OverviewTotals Current, OverviewTotals Previous, OverviewChanges Change)
{
    public static OverviewComparison Of(DateTime from, DateTime to, DateTime previousFrom, OverviewTotals current, OverviewTotals previous) =>
        new(from, to, previousFrom, current, previous, new OverviewChanges(
            Relative(current.Sessions, previous.Sessions),
            Relative(current.Deployments, previous.Deployments),
            current.DeliveryRate - previous.DeliveryRate,
            Relative(current.AvgDurationS, previous.AvgDurationS),
            Relative(current.AvgActiveDurationS, previous.AvgActiveDurationS)));

    private static double? Relative(double? now, double? before) => now is { } n && before is { } b && b != 0 ? (n - b) / b : null;
}

/// <summary>The changes of <see cref="OverviewComparison"/>.</summary>
internal sealed record OverviewChanges(double? Sessions, double? Deployments, double? DeliveryRate, double? AvgDurationS, double? AvgActiveDurationS);
