using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Sessions;

namespace AnalyticsCenter.Core.Storage;

/// <summary>Each workspace's settings and state.</summary>
public interface IWorkspaceSettings
{
    /// <summary>Sets a workspace's inactivity timeout; the next refresh recomputes that workspace.</summary>
    Task SetInactivityTimeoutAsync(WorkspaceId workspace, InactivityTimeout timeout, CancellationToken cancellationToken = default);

    /// <summary>Sets a workspace's default time zone (its other settings stay); reports use it from the next query on.</summary>
    /// <exception cref="ArgumentException">The store's database cannot bucket days in that zone.</exception>
    Task SetTimeZoneAsync(WorkspaceId workspace, WorkspaceTimeZone zone, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets how long a workspace's rows are kept (its other settings stay), or with null gives it back the store's window;
    /// the next refresh applies it.
    /// </summary>
    Task SetRetentionAsync(WorkspaceId workspace, RetentionPeriod? period, CancellationToken cancellationToken = default);

    /// <summary>The workspaces that set their own retention window, with it.</summary>
    Task<IReadOnlyDictionary<string, RetentionPeriod>> GetRetentionsAsync(CancellationToken cancellationToken = default);

    /// <summary>A workspace's default time zone: UTC unless one was set.</summary>
    Task<WorkspaceTimeZone> GetTimeZoneAsync(WorkspaceId workspace, CancellationToken cancellationToken = default);

    /// <summary>Every workspace the store knows, with its state, or only <paramref name="workspace"/>.</summary>
    Task<IReadOnlyList<WorkspaceStatus>> GetStatusAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default);
}
