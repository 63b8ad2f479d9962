using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;

namespace AnalyticsCenter.Subscriptions;

/// <summary>
/// Delivers each subscription's schedule slots once, after the refresh that covers them: a slot is due when its workspace's
/// tables are refreshed as of it or later. Any number of servers may run this on one store; the store's claim on
/// (subscription, slot) lets one of them send. A delivery whose server died mid-way is claimed again when its lease runs
/// out, up to <see cref="SubscriptionOptions.MaxClaims"/> times, then kept as failed.
/// </summary>
public sealed class SubscriptionScheduler(
    ISubscriptions store, IWorkspaceSettings settings, SubscriptionContent content, IEnumerable<IDeliveryChannel> channels, SubscriptionOptions options,
    TimeProvider time)
{
    /// <summary>Which server claims, for the history.</summary>
    public static readonly string Claimant = $"{Environment.MachineName}/{Environment.ProcessId}";

    private readonly Dictionary<ChannelKind, IDeliveryChannel> _channels = channels.ToDictionary(c => c.Kind);

    /// <summary>
    /// A scheduler over one store's roles with both channels: email through <paramref name="smtp"/>, webhooks through
    /// <paramref name="http"/>.
    /// </summary>
    public static SubscriptionScheduler Create<TStore>(
        TStore store, SubscriptionOptions options, SmtpSettings smtp, HttpClient http, TimeProvider time)
        where TStore : ISubscriptions, ISavedQueries, ITenantQueries, IWorkspaceSettings, IWorkspaceUploads =>
        new(store, store, SubscriptionContent.Over(store, options),
            [new EmailChannel(smtp), new WebhookChannel(http, options, time)], options, time);

    /// <summary>
    /// Sends every due slot this server can claim: deliveries abandoned by a dead server first, then each subscription's
    /// latest slot its workspace's last refresh covers (older missed slots are not sent: the latest has the newest numbers).
    /// </summary>
    /// <returns>The deliveries this call finished.</returns>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    public async Task<IReadOnlyList<Delivery>> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var subscriptions = await store.ListSubscriptionsAsync(null, cancellationToken);
        var finished = new List<Delivery>();
        foreach (var abandoned in await store.ListAbandonedDeliveriesAsync(now, cancellationToken))
        {
            if (subscriptions.FirstOrDefault(s => s.Id == abandoned.SubscriptionId) is { } subscription
                && await DeliverAsync(subscription, abandoned.SlotUtc, cancellationToken) is { } done)
            {
                finished.Add(done);
            }
        }

        // The status counts every workspace's rows and waiting events: not worth it, every minute, for no subscription.
        if (subscriptions.Count == 0)
        {
            return finished;
        }

        var workspaces = (await settings.GetStatusAsync(null, cancellationToken)).ToDictionary(s => s.Workspace, StringComparer.Ordinal);
        foreach (var subscription in subscriptions)
        {
            if (workspaces.GetValueOrDefault(subscription.Request.Workspace.Value) is not { AsOfUtc: { } covered } workspace
                || !DeliverySchedule.TryParse(subscription.Request.Schedule, out var schedule, out _)
                || !TimeZoneInfo.TryFindSystemTimeZoneById(workspace.TimeZone.Id, out var zone))
            {
                continue;
            }

            var until = covered < now ? covered : now;
            var after = subscription.CreatedAtUtc > until - options.Lookback ? subscription.CreatedAtUtc : until - options.Lookback;
            if (schedule!.LatestIn(after, until, zone) is { } slot && await DeliverAsync(subscription, slot, cancellationToken) is { } done)
            {
                finished.Add(done);
            }
        }

        return finished;
    }

    /// <summary>Delivers <paramref name="subscription"/> now, whatever its schedule (<c>run-now</c>): a slot of its own, the current second.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    public async Task<Delivery> RunNowAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var slot = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        return await DeliverAsync(subscription, slot, cancellationToken)
            ?? throw new InvalidOperationException($"subscription {subscription.Id} was already run this second; try again");
    }

    /// <summary>The next slot of <paramref name="subscription"/> after now, in UTC, for people; null when its schedule has none.</summary>
    /// <exception cref="FormatException">Its schedule does not read.</exception>
    public async Task<DateTimeOffset?> NextSlotAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var zone = await settings.GetTimeZoneAsync(subscription.Request.Workspace, cancellationToken);
        return DeliverySchedule.Parse(subscription.Request.Schedule).NextAfter(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone.Id));
    }

    /// <summary>Claims, runs, sends and records one slot; null when another server holds or finished it.</summary>
    private async Task<Delivery?> DeliverAsync(Subscription subscription, DateTime slot, CancellationToken cancellationToken)
    {
        var leaseUntil = time.GetUtcNow().UtcDateTime + options.Lease;
        if (await store.TryClaimDeliveryAsync(subscription, slot, Claimant, leaseUntil, cancellationToken) is not { } claim)
        {
            return null;
        }

        var outcome = claim.Attempts > options.MaxClaims
            ? SendOutcome.Interrupted(claim.Attempts)
            : await SendAsync(subscription, claim, cancellationToken);
        var status = outcome.Delivered ? SendStatus.Delivered : SendStatus.Failed;
        await store.FinishDeliveryAsync(subscription.Id, slot, status, outcome.Reason, cancellationToken);
        return claim with { Status = status, Reason = outcome.Reason, UpdatedAtUtc = time.GetUtcNow().UtcDateTime };
    }

    private async Task<SendOutcome> SendAsync(Subscription subscription, Delivery claim, CancellationToken cancellationToken)
    {
        if (!_channels.TryGetValue(subscription.Request.Channel, out var channel))
        {
            return SendOutcome.Failed($"no {subscription.Request.Channel} channel is set up on this server");
        }

        ResultAttachment result;
        try
        {
            result = await content.RunAsync(subscription, cancellationToken);
        }
        catch (Exception ex) when (ex is SubscriptionSourceException or QueryRefusedException or QueryFailedException or QueryTimedOutException)
        {
            return SendOutcome.Failed($"the query did not run: {ex.Message}");
        }

        return await channel.SendAsync(subscription, claim, result, cancellationToken);
    }
}
