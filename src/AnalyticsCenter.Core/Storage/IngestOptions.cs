using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Storage;

/// <summary>How one ingest reads its input. Immutable; each default is documented on its property.</summary>
public sealed record IngestOptions
{
    /// <summary>Where the lines came from, kept with each rejection (a file path, <c>stdin</c>, a request). Required.</summary>
    public required string Source { get; init; }

    /// <summary>Told the number of bytes read so far, now and then. Default none.</summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>
    /// When set, an event of any other workspace is rejected (<c>workspace_id is not this key's workspace</c>), never
    /// stored under another workspace: what an ingest key may send. Default null: any workspace.
    /// </summary>
    public WorkspaceId? OnlyWorkspace { get; init; }

    /// <summary>How many rejections the report lists with their line and reason. Default 100.</summary>
    public int RejectionsListed { get; init; } = 100;

    /// <summary>
    /// When set, the report counts the parsed events that occurred before their workspace's retention window
    /// (<see cref="IngestReport.BeforeRetention"/>), which the next refresh drops. Default null: not counted.
    /// </summary>
    public RetentionStarts? RetainedFrom { get; init; }
}
