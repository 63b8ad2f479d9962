namespace AnalyticsCenter.Core.Sessions;

/// <summary>Why a session ended (the <c>session_end_reason</c> column).</summary>
public enum SessionEndReason : byte
{
    Redirected = 1,
    Inactivity = 2,
    AgentClosed = 3,
    Overwritten = 4,

    /// <summary>Another flow was delivered to the user.</summary>
    Replaced = 5,
}
