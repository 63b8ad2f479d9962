using System.Text;

namespace AnalyticsCenter.Core.Events;

/// <summary>Instants given by people or programs (<c>--as-of</c>, API filters), read by the same rules as events' <c>occurred_at</c>.</summary>
public static class Instants
{
    /// <summary>Reads an RFC 3339 time with <c>Z</c> or an offset into UTC; false, with the reason, otherwise.</summary>
    public static bool TryParse(string text, out DateTime utc, out string? problem)
    {
        var outcome = Rfc3339.TryParse(Encoding.UTF8.GetBytes(text), out utc);
        problem = outcome switch
        {
            Rfc3339.Outcome.Ok => null,
            Rfc3339.Outcome.NoOffset => $"\"{text}\" has no UTC offset: add Z or an offset, e.g. 2026-11-20T18:00:00Z",
            _ => $"\"{text}\" is not an RFC 3339 time, e.g. 2026-11-20T18:00:00Z",
        };
        return problem is null;
    }
}
