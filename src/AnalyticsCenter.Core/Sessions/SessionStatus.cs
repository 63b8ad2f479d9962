namespace AnalyticsCenter.Core.Sessions;

/// <summary>The latest stage a session reached.</summary>
public enum SessionStatus : byte
{
    /// <summary><c>BOT</c>: handled by the flow.</summary>
    Bot = 1,

    /// <summary><c>AGENTS</c>: handed to a human agent.</summary>
    Agents = 2,

    /// <summary><c>RATING</c>: the user was asked to rate the service.</summary>
    Rating = 3,
}
