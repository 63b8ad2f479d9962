namespace AnalyticsCenter.Core.Events;

/// <summary>The outcome of parsing one line: an accepted event, or a rejection.</summary>
public readonly struct EventParseResult
{
    private EventParseResult(PlatformEvent? accepted, Rejection? rejection, string? workspaceId)
    {
        Event = accepted;
        Rejection = rejection;
        WorkspaceId = workspaceId;
    }

    /// <summary>The event, when the line was accepted.</summary>
    public PlatformEvent? Event { get; }

    /// <summary>Why not, when it was rejected.</summary>
    public Rejection? Rejection { get; }

    /// <summary>The workspace the line named, when it named a valid one (so rejections can be listed per workspace).</summary>
    public string? WorkspaceId { get; }

    internal static EventParseResult Accepted(PlatformEvent e) => new(e, null, e.WorkspaceId);

    internal static EventParseResult Rejected(Rejection rejection, string? workspaceId) => new(null, rejection, workspaceId);
}
