namespace AnalyticsCenter.Core.Storage;

/// <summary>What a refresh changed.</summary>
public sealed record RefreshReport(DateTime AsOfUtc, IReadOnlyList<WorkspaceRefresh> Workspaces, TimeSpan Elapsed);

/// <summary>What a refresh changed in one workspace.</summary>
/// <param name="Workspace">The workspace.</param>
/// <param name="FullRebuild">Whether every timeline was recomputed (first refresh, changed settings, or an earlier as-of).</param>
/// <param name="TimelinesRecomputed">Timelines whose rows were recomputed.</param>
/// <param name="EventsApplied">Events read to recompute them.</param>
/// <param name="Sessions">Sessions in the table afterwards.</param>
/// <param name="Deployments">Deployments in the table afterwards.</param>
/// <param name="EventsPurged">Raw events dropped by retention.</param>
public sealed record WorkspaceRefresh(
    string Workspace, bool FullRebuild, long TimelinesRecomputed, long EventsApplied, long Sessions, long Deployments, long EventsPurged);
