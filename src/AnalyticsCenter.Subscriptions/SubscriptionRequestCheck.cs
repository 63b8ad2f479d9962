using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.Query;
using MimeKit;

namespace AnalyticsCenter.Subscriptions;

/// <summary>
/// What the CLI and the API check before a subscription is kept, so a mistake is refused in words when it is made rather
/// than found failed at its first slot: the schedule reads, the saved query or report exists, the report's parameters
/// fit, and the target is email addresses or an http(s) URL.
/// </summary>
public static class SubscriptionRequestCheck
{
    /// <summary>Null when <paramref name="request"/> may be kept; else why not.</summary>
    public static async Task<string?> ProblemAsync(NewSubscription request, ISavedQueries savedQueries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(savedQueries);
        try
        {
            request.Validate();
        }
        catch (ArgumentException ex)
        {
            return ex.Message.Split(" (Parameter", 2)[0];
        }

        if (!DeliverySchedule.TryParse(request.Schedule, out _, out var scheduleError))
        {
            return scheduleError;
        }

        if (request.Source == SourceKind.SavedQuery)
        {
            var saved = await savedQueries.ListSavedQueriesAsync(request.Workspace, cancellationToken);
            if (!saved.Any(q => q.Id == request.SourceRef))
            {
                return $"workspace {request.Workspace} has no saved query \"{request.SourceRef}\"";
            }
        }
        else if (ReadyReport.Find(request.SourceRef) is not { } report)
        {
            return $"\"{request.SourceRef}\" is not a report: use one of {string.Join(", ", ReadyReport.All.Select(r => r.Name))}";
        }
        else
        {
            try
            {
                ReportValues.Read(report, request.Parameters, WorkspaceTimeZone.Utc);
            }
            catch (FormatException ex)
            {
                return ex.Message;
            }
        }

        return request.Channel switch
        {
            ChannelKind.Email when !InternetAddressList.TryParse(request.Target, out var addresses) || addresses.Count == 0 =>
                $"\"{request.Target}\" is not a list of email addresses",
            ChannelKind.Webhook when !Uri.TryCreate(request.Target, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") =>
                $"\"{request.Target}\" is not an http(s) URL",
            _ => null,
        };
    }
}
