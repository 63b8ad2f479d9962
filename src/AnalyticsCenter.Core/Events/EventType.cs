namespace AnalyticsCenter.Core.Events;

/// <summary>The event types of the event contract (events.md). The numeric values are stored; never renumber.</summary>
public enum EventType : byte
{
    MessageInbound = 1,
    MessageOutbound = 2,
    NodeReached = 3,
    AgentAssigned = 4,
    RatingRequested = 5,
    AgentClosed = 6,
    FlowRedirected = 7,
    FlowOverwritten = 8,
    DeploymentCreated = 9,
    DeploymentStatus = 10,
}
