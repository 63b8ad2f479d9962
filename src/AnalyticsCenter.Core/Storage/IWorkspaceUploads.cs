using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Uploads;

namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// Tables a workspace uploads (ad spend, conversions, audience tags…), which its tenant SQL reads by name next to
/// <c>sessions</c> and <c>deployments</c>, walled off like them. Retention never removes them.
/// </summary>
public interface IWorkspaceUploads
{
    /// <summary>
    /// Stores <paramref name="table"/> for <paramref name="workspace"/> as <paramref name="mode"/> says, all or nothing.
    /// </summary>
    /// <returns>The table as stored now.</returns>
    /// <exception cref="UploadRejectedException">Creating a name the workspace already has; appending to a name it lacks or
    /// with other columns; or the workspace would pass <paramref name="limits"/> (tables, bytes, rows). Nothing changed.</exception>
    Task<UploadInfo> UploadAsync(
        WorkspaceId workspace, UploadedTable table, UploadMode mode, UploadLimits limits, CancellationToken cancellationToken = default);

    /// <summary>The workspace's uploaded tables, by name.</summary>
    Task<IReadOnlyList<UploadInfo>> ListUploadsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default);

    /// <summary>Deletes one uploaded table; false when the workspace has none of that name.</summary>
    Task<bool> DeleteUploadAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken = default);
}
