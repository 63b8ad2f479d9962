namespace AnalyticsCenter.Core.Sessions;

/// <summary>
/// One session as the rules computed it. Columns that carry text are references to events by seq;
/// the session's id derives from the event that started it (<see cref="IdSeq"/>), so it is stable.
/// </summary>
public sealed class SessionRecord
{
    /// <summary>The event that started it: the inbound message, the redirect, or the delivered deployment's <c>deployment.created</c>.</summary>
    public required long IdSeq { get; init; }

    /// <summary>The <see cref="IdSeq"/> of the session that redirected into this one.</summary>
    public long? ParentIdSeq { get; init; }

    public required long StartedAtMicros { get; init; }
    public long? FinishedAtMicros { get; internal set; }
    public required SessionType Type { get; init; }
    public SessionStatus Status { get; internal set; } = SessionStatus.Bot;
    public long? FirstMessageSeq { get; internal set; }
    public long? LastMessageSeq { get; internal set; }
    public long? LastNodeSeq { get; internal set; }
    public SessionEndReason? EndReason { get; internal set; }

    /// <summary>The latest activity: when the inactivity timeout counts from.</summary>
    public long LastActivityMicros { get; internal set; }
}
