using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Ingestion;

/// <summary>
/// An accepted event as <c>ac.events</c> stores it. Its text is UTF-8 in a buffer it shares with the rest of its chunk,
/// from <see cref="TextStart"/> on: the event id, the deployment id, the details, the workspace and the rest of the
/// timeline key (<see cref="TimelineKey"/>), one after another. A length of -1 is a null (no timeline: none of its key).
/// </summary>
public readonly record struct ParsedEvent(
    ulong IdHash,
    EventType Type,
    DateTime OccurredAt,
    DeliveryReport? Status,
    int TextStart,
    int EventIdLength,
    int DeploymentIdLength,
    int DetailsLength,
    int WorkspaceLength,
    int TimelineTailLength)
{
    private int DeploymentIdStart => TextStart + EventIdLength;

    private int DetailsStart => DeploymentIdStart + Math.Max(DeploymentIdLength, 0);

    private int WorkspaceStart => DetailsStart + Math.Max(DetailsLength, 0);

    private int TextLength => WorkspaceStart - TextStart + WorkspaceLength + Math.Max(TimelineTailLength, 0);

    public bool HasTimeline => TimelineTailLength >= 0;

    public bool HasDeploymentId => DeploymentIdLength >= 0;

    public bool HasDetails => DetailsLength >= 0;

    public Span<byte> EventId(byte[] text) => text.AsSpan(TextStart, EventIdLength);

    public Span<byte> DeploymentId(byte[] text) => text.AsSpan(DeploymentIdStart, Math.Max(DeploymentIdLength, 0));

    public Span<byte> Details(byte[] text) => text.AsSpan(DetailsStart, Math.Max(DetailsLength, 0));

    public Span<byte> Workspace(byte[] text) => text.AsSpan(WorkspaceStart, WorkspaceLength);

    /// <summary>The workspace and the timeline's line and user (<see cref="TimelineKey"/>).</summary>
    public Span<byte> TimelineKey(byte[] text) => text.AsSpan(WorkspaceStart, WorkspaceLength + TimelineTailLength);

    /// <summary>The event with a copy of its own text, for keeping once its chunk's buffer has gone back to the pool.</summary>
    public (ParsedEvent Event, byte[] Text) Detach(byte[] text) => (this with { TextStart = 0 }, text.AsSpan(TextStart, TextLength).ToArray());
}
