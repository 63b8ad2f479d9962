using System.Data.Common;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Storage;

/// <summary>The lines that were not applied, kept with their reason.</summary>
public interface IRejectionLog
{
    /// <summary>The kept rejections (received_at, workspace_id, source, line_number, reason, raw), newest first.</summary>
    Task<T> ReadRejectionsAsync<T>(WorkspaceId? workspace, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken = default);
}
