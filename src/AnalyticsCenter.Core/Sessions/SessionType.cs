namespace AnalyticsCenter.Core.Sessions;

/// <summary>How a session started.</summary>
public enum SessionType : byte
{
    /// <summary>Started by the user's message: <c>INBOUND</c>.</summary>
    Inbound = 1,

    /// <summary>Started by a delivered deployment: <c>OUTBOUND</c>.</summary>
    Outbound = 2,
}
