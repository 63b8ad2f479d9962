using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Subscriptions;

/// <summary>What the CLI and the API check before an alert is kept, as <see cref="SubscriptionRequestCheck"/> does for subscriptions.</summary>
public static class AlertRequestCheck
{
    /// <summary>
    /// Null when <paramref name="request"/> may be kept; else why not. A chosen metric must be one of the numeric columns its
    /// source gives, which <paramref name="content"/> runs it to see.
    /// </summary>
    public static async Task<string?> ProblemAsync(
        NewAlert request, ISavedQueries savedQueries, SubscriptionContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            request.Validate();
        }
        catch (ArgumentException ex)
        {
            return ex.Message.Split(" (Parameter", 2)[0];
        }

        if (await SubscriptionRequestCheck.SourceProblemAsync(
                request.Workspace, request.Source, request.SourceRef, request.Parameters, savedQueries, cancellationToken) is { } sourceProblem)
        {
            return sourceProblem;
        }

        var targetProblem = SubscriptionRequestCheck.TargetProblem(request.Channel, request.Target);
        if (targetProblem is not null || request.Metric.Trim().Length == 0)
        {
            return targetProblem;
        }

        try
        {
            var (title, numeric) = await content.NumericColumnsAsync(
                request.Workspace, request.Source, request.SourceRef, request.Parameters, cancellationToken);
            return numeric.Contains(request.Metric.Trim()) ? null : SubscriptionContent.MetricProblem(title, request.Metric.Trim(), numeric);
        }
        catch (Exception ex) when (ex is SubscriptionSourceException or QueryRefusedException or QueryFailedException or QueryTimedOutException)
        {
            return $"its columns could not be read to check the metric: {ex.Message}";
        }
    }
}
