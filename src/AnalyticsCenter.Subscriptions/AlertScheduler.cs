using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;
using MimeKit;

namespace AnalyticsCenter.Subscriptions;

/// <summary>
/// Checks each alert once per refresh (when its workspace's tables are refreshed as of a later instant than its last check)
/// and notifies when its condition starts to hold ("firing") and when it stops ("resolved"), not on every check. Any number
/// of servers may run this on one store: the store's compare-and-set on the alert's state lets one of them record each
/// check, and only that one notifies.
/// </summary>
public sealed class AlertScheduler(IAlerts store, IWorkspaceSettings settings, SubscriptionContent content, SmtpSettings smtp, WebhookChannel webhook,
    TimeProvider time)
{
    /// <summary>A scheduler over one store's roles, notifying by email through <paramref name="smtp"/> and webhooks through <paramref name="http"/>.</summary>
    public static AlertScheduler Create<TStore>(TStore store, SubscriptionOptions options, SmtpSettings smtp, HttpClient http, TimeProvider time)
        where TStore : IAlerts, ISavedQueries, ITenantQueries, IWorkspaceSettings, IWorkspaceUploads =>
        new(store, store, new SubscriptionContent(store, store, store, store, options), smtp, new WebhookChannel(http, options, time), time);

    /// <summary>Checks every alert whose workspace was refreshed since its last check.</summary>
    /// <returns>The checks this server won.</returns>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    public async Task<IReadOnlyList<AlertCheck>> RunDueAsync(CancellationToken cancellationToken)
    {
        var workspaces = (await settings.GetStatusAsync(null, cancellationToken)).ToDictionary(s => s.Workspace, StringComparer.Ordinal);
        var checks = new List<AlertCheck>();
        foreach (var alert in await store.ListAlertsAsync(null, cancellationToken))
        {
            if (workspaces.GetValueOrDefault(alert.Request.Workspace.Value) is { AsOfUtc: { } asOf }
                && (alert.LastCheckedAsOfUtc is not { } last || last < asOf)
                && await CheckAsync(alert, asOf, cancellationToken) is { } check)
            {
                checks.Add(check);
            }
        }

        return checks;
    }

    /// <summary>Reads the number, records the check if no other server did, and notifies on a change; null when another server won.</summary>
    private async Task<AlertCheck?> CheckAsync(Alert alert, DateTime asOf, CancellationToken cancellationToken)
    {
        string title;
        double? value;
        try
        {
            (title, value) = await content.NumberAsync(alert.Request, cancellationToken);
        }
        catch (Exception ex) when (ex is SubscriptionSourceException or QueryRefusedException or QueryFailedException or QueryTimedOutException)
        {
            // The state stays as it was; the check is recorded so this refresh is not tried again on every tick.
            return await store.TryRecordCheckAsync(alert, asOf, alert.State, alert.LastValue, cancellationToken)
                ? new AlertCheck(alert, asOf, null, $"the query did not give a number: {ex.Message}")
                : null;
        }

        var state = alert.Request.Holds(value) ? AlertState.Firing : AlertState.Ok;
        if (!await store.TryRecordCheckAsync(alert, asOf, state, value, cancellationToken))
        {
            return null;
        }

        if (state == alert.State)
        {
            return new AlertCheck(alert, asOf, null, null);
        }

        var transition = new AlertTransition(alert.Id, asOf, state, value, SendStatus.Sending, null, time.GetUtcNow().UtcDateTime);
        var outcome = await NotifyAsync(new AlertNotice(alert, transition, title), cancellationToken);
        var status = outcome.Delivered ? SendStatus.Delivered : SendStatus.Failed;
        await store.FinishTransitionAsync(alert.Id, asOf, status, outcome.Reason, cancellationToken);
        return new AlertCheck(alert, asOf, transition with { Status = status, Reason = outcome.Reason }, null);
    }

    private async Task<SendOutcome> NotifyAsync(AlertNotice notice, CancellationToken cancellationToken)
    {
        var request = notice.Alert.Request;
        if (request.Channel == ChannelKind.Webhook)
        {
            return Uri.TryCreate(request.Target, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? await webhook.PostAsync(url, notice.Alert.Secret, notice.Transition.IdempotencyKey, notice.Json(), cancellationToken)
                : SendOutcome.Failed($"\"{request.Target}\" is not an http(s) URL");
        }

        var mailer = new SmtpMailer(smtp);
        if (!mailer.IsConfigured)
        {
            // Says in its own words that no SMTP server is configured, without looking at the message.
            return await mailer.SendAsync(new MimeMessage(), cancellationToken);
        }

        try
        {
            return await mailer.SendAsync(notice.Email(mailer.From), cancellationToken);
        }
        catch (ParseException ex)
        {
            return SendOutcome.Failed($"not an email address list: {ex.Message}");
        }
    }
}
