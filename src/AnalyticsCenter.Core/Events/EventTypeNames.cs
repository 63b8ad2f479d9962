namespace AnalyticsCenter.Core.Events;

/// <summary>The wire spelling of each <see cref="EventType"/>.</summary>
public static class EventTypeNames
{
    private static readonly (EventType Type, string Name)[] s_all =
    [
        (EventType.MessageInbound, "message.inbound"),
        (EventType.MessageOutbound, "message.outbound"),
        (EventType.NodeReached, "node.reached"),
        (EventType.AgentAssigned, "agent.assigned"),
        (EventType.RatingRequested, "rating.requested"),
        (EventType.AgentClosed, "agent.closed"),
        (EventType.FlowRedirected, "flow.redirected"),
        (EventType.FlowOverwritten, "flow.overwritten"),
        (EventType.DeploymentCreated, "deployment.created"),
        (EventType.DeploymentStatus, "deployment.status"),
    ];

    /// <summary>The wire name of <paramref name="type"/>, e.g. <c>message.inbound</c>.</summary>
    public static string Name(this EventType type) => s_all[(int)type - 1].Name;

    /// <summary>Looks a wire name up without allocating.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Name, out EventType type)
    {
        foreach (var (candidate, name) in s_all)
        {
            if (System.Text.Ascii.Equals(utf8Name, name))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
