using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Ingestion;

/// <summary>
/// One input line after parsing: an accepted event (its text in its chunk's buffer), or a rejection with the workspace
/// it named and the raw text it keeps.
/// </summary>
public readonly record struct ParsedLine(long LineNumber, ParsedEvent Event, Rejection? Rejection, string? Workspace, string? Raw)
{
    public static ParsedLine Accepted(long lineNumber, ParsedEvent e) => new(lineNumber, e, null, null, null);

    public static ParsedLine Rejected(long lineNumber, Rejection rejection, string? workspace, string raw) =>
        new(lineNumber, default, rejection, workspace, raw);
}
