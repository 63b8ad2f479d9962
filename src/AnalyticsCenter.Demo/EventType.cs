namespace AnalyticsCenter.Demo;

/// <summary>The event types of the contract (events.md).</summary>
internal enum EventType : byte
{
    MessageInbound,
    MessageOutbound,
    NodeReached,
    AgentAssigned,
    RatingRequested,
    AgentClosed,
    FlowRedirected,
    FlowOverwritten,
    DeploymentCreated,
    DeploymentStatus,
}
