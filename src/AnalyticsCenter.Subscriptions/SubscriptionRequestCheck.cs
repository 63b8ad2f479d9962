using AnalyticsCenter.Core.Events;
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

        return await SourceProblemAsync(request.Workspace, request.Source, request.SourceRef, request.Parameters, savedQueries, cancellationToken)
            ?? TargetProblem(request.Channel, request.Target);
    }

    /// <summary>Null when the saved query exists in <paramref name="workspace"/>, or the report exists and its parameters fit; else why not.</summary>
    public static async Task<string?> SourceProblemAsync(
        WorkspaceId workspace, SourceKind source, string sourceRef, string parameters, ISavedQueries savedQueries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(savedQueries);
        if (source == SourceKind.SavedQuery)
        {
            var saved = await savedQueries.ListSavedQueriesAsync(workspace, cancellationToken);
            if (!saved.Any(q => q.Id == sourceRef))
            {
                return $"workspace {workspace} has no saved query \"{sourceRef}\"";
            }
        }
        else if (ReadyReport.Find(sourceRef) is not { } report)
        {
            return $"\"{sourceRef}\" is not a report: use one of {string.Join(", ", ReadyReport.All.Select(r => r.Name))}";
        }
        else
        {
            try
            {
                ReportValues.Read(report, parameters, WorkspaceTimeZone.Utc);
            }
            catch (FormatException ex)
            {
                return ex.Message;
            }
        }

        return null;
    }

    /// <summary>Null when <paramref name="target"/> is email addresses (email) or an http(s) URL (webhook); else why not.</summary>
    public static string? TargetProblem(ChannelKind channel, string target) => channel switch
    {
        ChannelKind.Email when !InternetAddressList.TryParse(target, out var addresses) || addresses.Count == 0 =>
            $"\"{target}\" is not a list of email addresses",
        ChannelKind.Webhook when !Uri.TryCreate(target, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") =>
            $"\"{target}\" is not an http(s) URL",
        _ => null,
    };
}
