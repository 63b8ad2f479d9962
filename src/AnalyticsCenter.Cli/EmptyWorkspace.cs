using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Cli;

/// <summary>A workspace no event has named yet, said on standard error: a misspelt id otherwise looks like an empty result.</summary>
internal static class EmptyWorkspace
{
    /// <summary>Writes "<paramref name="label"/>: workspace X has no data yet…" when the store knows no event of <paramref name="workspace"/>.</summary>
    public static async Task NoteAsync(IWorkspaceSettings store, WorkspaceId workspace, string label, CancellationToken ct)
    {
        if ((await store.GetStatusAsync(workspace, ct)).Count == 0)
        {
            await Console.Error.WriteLineAsync(
                $"{label}: workspace {workspace} has no data yet: no event has named it (analytics status lists the workspaces that have data)");
        }
    }
}
