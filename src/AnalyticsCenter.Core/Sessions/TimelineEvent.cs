using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Sessions;

/// <summary>
/// What the sessionizer needs of one event of a timeline: no text, only its identity and time. Rows refer back
/// to events by <see cref="Seq"/>, and the store fills their text columns from those events.
/// </summary>
/// <param name="Seq">The event's store-wide sequence number.</param>
/// <param name="Type">Its type.</param>
/// <param name="AtMicros">Its <c>occurred_at</c>, in microseconds since the Unix epoch.</param>
/// <param name="DeploymentSeq">For <c>deployment.created</c> its own seq; for <c>deployment.status</c> the seq of its deployment's
/// <c>deployment.created</c>.</param>
/// <param name="Status">For <c>deployment.status</c>, what WhatsApp reported.</param>
public readonly record struct TimelineEvent(long Seq, EventType Type, long AtMicros, long DeploymentSeq = 0, DeliveryReport Status = default);
