using AnalyticsCenter.Core.Subscriptions;

namespace AnalyticsCenter.Core.Alerts;

/// <summary>One change of an alert's state, and how its notification went.</summary>
/// <param name="AlertId">Whose.</param>
/// <param name="AsOfUtc">The refresh as-of of the check that saw the change.</param>
/// <param name="State">The state it changed to: <see cref="AlertState.Firing"/> or <see cref="AlertState.Ok"/> (resolved).</param>
/// <param name="Value">The number that check saw; null for no rows.</param>
/// <param name="Status">Where its notification stands.</param>
/// <param name="Reason">Why the notification failed, or what the receiver said.</param>
/// <param name="UpdatedAtUtc">When its status last changed.</param>
/// <param name="Attempts">How many times a server claimed its notification (more than one after a crash).</param>
public sealed record AlertTransition(
    string AlertId, DateTime AsOfUtc, AlertState State, double? Value, SendStatus Status, string? Reason, DateTime UpdatedAtUtc, int Attempts)
{
    /// <summary>The word notifications say: "firing", or "resolved" for a return to ok.</summary>
    public string Word => State == AlertState.Firing ? "firing" : "resolved";

    /// <summary>The key a receiver deduplicates on: one per transition (the email's Message-ID, the webhook's <c>id</c>).</summary>
    public string IdempotencyKey => $"{AlertId}-{AsOfUtc:yyyyMMdd'T'HHmmss'Z'}";
}
