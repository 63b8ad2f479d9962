using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Subscriptions;

/// <summary>What the CLI and the API check before an alert is kept, as <see cref="SubscriptionRequestCheck"/> does for subscriptions.</summary>
public static class AlertRequestCheck
{
    /// <summary>Null when <paramref name="request"/> may be kept; else why not.</summary>
    public static async Task<string?> ProblemAsync(NewAlert request, ISavedQueries savedQueries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            request.Validate();
        }
        catch (ArgumentException ex)
        {
            return ex.Message.Split(" (Parameter", 2)[0];
        }

        return await SubscriptionRequestCheck.SourceProblemAsync(
                request.Workspace, request.Source, request.SourceRef, request.Parameters, savedQueries, cancellationToken)
            ?? SubscriptionRequestCheck.TargetProblem(request.Channel, request.Target);
    }
}
