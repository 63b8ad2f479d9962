using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Sessions;

namespace AnalyticsCenter.Core.Tests;

/// <summary>
/// Builds the events of one timeline for <see cref="TimelineSessionizer"/>: times are minutes after <see cref="T0"/>
/// (2026-11-20T00:00:00Z), in microseconds; seqs are given so rows can be checked against them.
/// </summary>
internal static class Timeline
{
    public const long Minute = 60_000_000;
    public const long Day = 24 * 60 * Minute;

    /// <summary>2026-11-20T00:00:00Z in microseconds since the Unix epoch.</summary>
    public const long T0 = 1_795_132_800_000_000;

    public static long At(long minutes) => T0 + (minutes * Minute);

    public static TimelineEvent Inbound(long seq, long at) => new(seq, EventType.MessageInbound, at);

    public static TimelineEvent Outbound(long seq, long at) => new(seq, EventType.MessageOutbound, at);

    public static TimelineEvent Node(long seq, long at) => new(seq, EventType.NodeReached, at);

    public static TimelineEvent AgentAssigned(long seq, long at) => new(seq, EventType.AgentAssigned, at);

    public static TimelineEvent RatingRequested(long seq, long at) => new(seq, EventType.RatingRequested, at);

    public static TimelineEvent AgentClosed(long seq, long at) => new(seq, EventType.AgentClosed, at);

    public static TimelineEvent Redirected(long seq, long at) => new(seq, EventType.FlowRedirected, at);

    public static TimelineEvent Overwritten(long seq, long at) => new(seq, EventType.FlowOverwritten, at);

    /// <summary>Any event that is neither a deployment's nor a status.</summary>
    public static TimelineEvent Of(EventType type, long seq, long at) => new(seq, type, at);

    public static TimelineEvent Created(long seq, long at) => new(seq, EventType.DeploymentCreated, at, DeploymentSeq: seq);

    public static TimelineEvent Status(long seq, long at, long createdSeq, DeliveryReport status) =>
        new(seq, EventType.DeploymentStatus, at, createdSeq, status);

    /// <summary>Runs <paramref name="events"/> as of <paramref name="asOf"/> with 30 days of retention.</summary>
    public static TimelineSessionizer Run(long asOf, InactivityTimeout timeout, params TimelineEvent[] events) =>
        Run(asOf, timeout, asOf - (30 * Day), events);

    public static TimelineSessionizer Run(long asOf, InactivityTimeout timeout, long retentionCutoff, params TimelineEvent[] events)
    {
        var sessionizer = new TimelineSessionizer(asOf, timeout, retentionCutoff);
        sessionizer.Run(events);
        return sessionizer;
    }
}
