using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;
using MimeKit;

namespace AnalyticsCenter.Subscriptions;

/// <summary>
/// Checks each alert once per refresh (when its workspace's tables are refreshed as of a later instant than its last check)
/// and notifies when its condition starts to hold ("firing") and when it stops ("resolved"), not on every check. Any number
/// of servers may run this on one store: the store's compare-and-set on the alert's state lets one of them record each
/// check, and only that one notifies, holding the transition's notification as a claim until a lease. A notification whose
/// server died before finishing it is claimed again once the lease runs out and sent with the same idempotency key, up to
/// <see cref="SubscriptionOptions.MaxClaims"/> times, then kept as failed.
/// </summary>
public sealed class AlertScheduler(
    IAlerts store, IWorkspaceSettings settings, SubscriptionContent content, SmtpSettings smtp, WebhookChannel webhook, SubscriptionOptions options,
    TimeProvider time)
{
    /// <summary>A scheduler over one store's roles, notifying by email through <paramref name="smtp"/> and webhooks through <paramref name="http"/>.</summary>
    public static AlertScheduler Create<TStore>(TStore store, SubscriptionOptions options, SmtpSettings smtp, HttpClient http, TimeProvider time)
        where TStore : IAlerts, ISavedQueries, ITenantQueries, IWorkspaceSettings, IWorkspaceUploads =>
        new(store, store, SubscriptionContent.Over(store, options), smtp, new WebhookChannel(http, options, time), options, time);

    /// <summary>
    /// Sends the notifications abandoned by a dead server that this server can claim, then checks every alert whose
    /// workspace was refreshed since its last check.
    /// </summary>
    /// <returns>The checks this server won, and the abandoned notifications it finished (as checks of the refresh that saw them).</returns>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    public async Task<IReadOnlyList<AlertCheck>> RunDueAsync(CancellationToken cancellationToken)
    {
        var alerts = await store.ListAlertsAsync(null, cancellationToken);
        var checks = new List<AlertCheck>();
        foreach (var abandoned in await store.ListAbandonedTransitionsAsync(time.GetUtcNow().UtcDateTime, cancellationToken))
        {
            if (alerts.FirstOrDefault(a => a.Id == abandoned.AlertId) is { } alert && await ResumeAsync(alert, abandoned, cancellationToken) is { } resumed)
            {
                checks.Add(resumed);
            }
        }

        // The status counts every workspace's rows and waiting events: not worth it, every minute, for no alert.
        if (alerts.Count == 0)
        {
            return checks;
        }

        var workspaces = (await settings.GetStatusAsync(null, cancellationToken)).ToDictionary(s => s.Workspace, StringComparer.Ordinal);
        foreach (var alert in alerts)
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
            return await store.TryRecordCheckAsync(alert, asOf, alert.State, alert.LastValue, SubscriptionScheduler.Claimant, LeaseUntil, cancellationToken)
                ? new AlertCheck(alert, asOf, null, $"the query did not give a number: {ex.Message}")
                : null;
        }

        var state = alert.Request.Holds(value) ? AlertState.Firing : AlertState.Ok;
        if (!await store.TryRecordCheckAsync(alert, asOf, state, value, SubscriptionScheduler.Claimant, LeaseUntil, cancellationToken))
        {
            return null;
        }

        if (state == alert.State)
        {
            return new AlertCheck(alert, asOf, null, null);
        }

        var transition = new AlertTransition(alert.Id, asOf, state, value, SendStatus.Sending, null, time.GetUtcNow().UtcDateTime, 1);
        return await FinishAsync(alert, transition, await NotifyAsync(new AlertNotice(alert, transition, title), cancellationToken), cancellationToken);
    }

    private DateTime LeaseUntil => time.GetUtcNow().UtcDateTime + options.Lease;

    /// <summary>Claims and sends a notification a dead server left sending, as it was first seen; null when another server claimed it.</summary>
    private async Task<AlertCheck?> ResumeAsync(Alert alert, AlertTransition abandoned, CancellationToken cancellationToken)
    {
        if (await store.TryClaimTransitionAsync(alert.Id, abandoned.AsOfUtc, SubscriptionScheduler.Claimant, LeaseUntil, cancellationToken)
            is not { } claim)
        {
            return null;
        }

        var outcome = claim.Attempts > options.MaxClaims
            ? SendOutcome.Interrupted(claim.Attempts)
            : await NotifyAsync(new AlertNotice(alert, claim, await content.TitleAsync(alert.Request, cancellationToken)), cancellationToken);
        return await FinishAsync(alert, claim, outcome, cancellationToken);
    }

    private async Task<AlertCheck> FinishAsync(Alert alert, AlertTransition transition, SendOutcome outcome, CancellationToken cancellationToken)
    {
        var status = outcome.Delivered ? SendStatus.Delivered : SendStatus.Failed;
        await store.FinishTransitionAsync(alert.Id, transition.AsOfUtc, status, outcome.Reason, cancellationToken);
        return new AlertCheck(alert, transition.AsOfUtc, transition with { Status = status, Reason = outcome.Reason }, null);
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
