using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.WhatsApp;

/// <summary>Event lines (events.md) that all belong to <paramref name="Workspace"/>.</summary>
public sealed record WorkspaceEventLines(WorkspaceId Workspace, IReadOnlyList<string> Lines)
{
    /// <summary>The lines as NDJSON, each ending in a line feed.</summary>
    public string ToNdjson() => string.Concat(Lines.Select(line => line + "\n"));
}
