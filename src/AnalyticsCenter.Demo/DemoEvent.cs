namespace AnalyticsCenter.Demo;

/// <summary>
/// One generated event, everything its line is rendered from: rendering it twice gives the same bytes,
/// which is how exact duplicates are made.
/// </summary>
internal struct DemoEvent
{
    /// <summary>The instant, in Unix milliseconds.</summary>
    public long Time;

    /// <summary>Per-workspace event number; the event_id is rendered from it.</summary>
    public long Id;

    /// <summary>Per-workspace message number (wamid) or deployment number (dep-n).</summary>
    public long Number;

    /// <summary>The user's number, digits with country code; 0 when the event has no user.</summary>
    public ulong Phone;

    public int Workspace;

    public EventType Type;

    public TimeStyle Style;

    public Defect Defect;

    public byte Line;

    public bool PhonePlus;

    /// <summary>Flow index in <see cref="FlowCatalog"/>, or -1 for none.</summary>
    public sbyte Flow;

    /// <summary>Whether the flow's older version was live then.</summary>
    public bool OldVersion;

    /// <summary>Node index within the flow (node.reached), or the target flow (flow.redirected).</summary>
    public sbyte Node;

    public MessageKind Kind;

    /// <summary>A text of <see cref="TextBank"/>, or one of its dynamic markers.</summary>
    public short Text;

    /// <summary>Referral index in the workspace, or -1.</summary>
    public sbyte Referral;

    /// <summary>WhatsApp-link campaign index in the workspace, or -1.</summary>
    public sbyte Link;

    /// <summary>Agent index in the workspace, or -1 for none given.</summary>
    public sbyte Agent;

    /// <summary>message.outbound: sent by an agent rather than the bot.</summary>
    public bool ByAgent;

    /// <summary>Deployment campaign index in the workspace, or -1 (deployment.created).</summary>
    public sbyte Campaign;

    public bool HasMessageId;

    public DeliveryStatus Status;

    /// <summary>Error index in <see cref="DeploymentErrors"/>, or -1 (deployment.status failed).</summary>
    public sbyte Error;
}
