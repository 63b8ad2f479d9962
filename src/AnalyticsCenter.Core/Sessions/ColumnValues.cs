namespace AnalyticsCenter.Core.Sessions;

/// <summary>The spellings tables.md gives the enumerated columns: a public contract.</summary>
public static class ColumnValues
{
    public static string Of(SessionType type) => type == SessionType.Inbound ? "INBOUND" : "OUTBOUND";

    public static string Of(SessionStatus status) => status switch
    {
        SessionStatus.Bot => "BOT",
        SessionStatus.Agents => "AGENTS",
        _ => "RATING",
    };

    public static string Of(SessionEndReason reason) => reason switch
    {
        SessionEndReason.Redirected => "redirected",
        SessionEndReason.Inactivity => "inactivity",
        SessionEndReason.AgentClosed => "agent_closed",
        SessionEndReason.Overwritten => "overwritten",
        _ => "replaced",
    };

    public static string Of(DeliveryStatus status) => status switch
    {
        DeliveryStatus.InProcess => "In Process",
        DeliveryStatus.Delivered => "Delivered",
        _ => "Failed",
    };
}
