using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Cli;

/// <summary>What the command line does to a workspace, in its audit log, as the operating-system user that ran it.</summary>
internal static class CliAudit
{
    /// <summary>The command line's actor: <c>cli:USER</c>, or <c>cli</c> where the system names no user.</summary>
    public static Actor Actor { get; } = Actor.Cli(Environment.UserName);

    public static Task AuditAsync(
        this IAuditLog log, WorkspaceId workspace, AuditAction action, string objectId = "", string objectName = "", string detail = "",
        CancellationToken cancellationToken = default) =>
        log.RecordAsync(new AuditRecord(workspace, Actor, action, objectId, objectName, Detail: detail), cancellationToken);
}
