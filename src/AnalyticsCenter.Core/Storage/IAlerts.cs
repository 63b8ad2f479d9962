using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Subscriptions;

namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// Alerts, their state and the history of their transitions. A check moves the state by compare-and-set on (state, last
/// checked as-of), so however many servers check one refresh, one of them wins and notifies; the transition it keeps is
/// that server's claim on the notification, until a lease: a server that dies before finishing it leaves it to be claimed
/// again once the lease runs out, and a notification once finished is never claimed again.
/// </summary>
public interface IAlerts
{
    /// <summary>Keeps a new alert, never checked, with a fresh id and (for a webhook) a fresh signing secret.</summary>
    /// <exception cref="ArgumentException">A blank or overlong name, source or target, or a threshold that is no number.</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<Alert> AddAlertAsync(NewAlert alert, CancellationToken cancellationToken = default);

    /// <summary>Every alert, or only <paramref name="workspace"/>'s, oldest first.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<IReadOnlyList<Alert>> ListAlertsAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default);

    /// <summary>Removes one of <paramref name="workspace"/>'s alerts and its history; false when it has none with that id.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<bool> RemoveAlertAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a check of <paramref name="alert"/> at <paramref name="asOfUtc"/> that saw <paramref name="value"/> and puts it
    /// in <paramref name="state"/>, only if the alert is still as <paramref name="alert"/> read it (same state, same last
    /// checked as-of). When the state changes, a transition is kept, marked sending and claimed by <paramref name="claimant"/>
    /// until <paramref name="leaseUntilUtc"/>. False when another check got there first.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<bool> TryRecordCheckAsync(
        Alert alert, DateTime asOfUtc, AlertState state, double? value, string claimant, DateTime leaseUntilUtc,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the notification of a transition still sending whose last claimant's lease ran out (it died) for
    /// <paramref name="claimant"/> until <paramref name="leaseUntilUtc"/>: the transition with its attempt count; null when
    /// its lease is still alive, it is finished, or it is gone.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<AlertTransition?> TryClaimTransitionAsync(
        string alertId, DateTime asOfUtc, string claimant, DateTime leaseUntilUtc, CancellationToken cancellationToken = default);

    /// <summary>Transitions still sending whose claimant's lease ran out before <paramref name="nowUtc"/>: their server died.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<IReadOnlyList<AlertTransition>> ListAbandonedTransitionsAsync(DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Records how a transition's notification ended (<see cref="SendStatus.Delivered"/> or <see cref="SendStatus.Failed"/>).</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task FinishTransitionAsync(string alertId, DateTime asOfUtc, SendStatus status, string? reason, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="limit"/> transitions of <paramref name="workspace"/>'s alerts (or of one of them), newest first.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<IReadOnlyList<AlertTransition>> ListAlertHistoryAsync(
        WorkspaceId workspace, string? alertId, int limit, CancellationToken cancellationToken = default);
}
