namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// A whole store, as the command line's factory opens it: every role at once, over one database. Hosts depend on the
/// roles they use, never on this bundle, so a store is one instance registered under each of its roles.
/// </summary>
public interface IAnalyticsStore
    : IEventIngest, ITableRefresh, IWorkspaceSettings, ITenantQueries, IRejectionLog, IAccessKeys, IWhatsAppLines, ISavedQueries, IRefreshClaims,
      IWorkspaceUsers, IShareLinks, ISubscriptions, IAlerts, IWorkspaceUploads, IAuditLog, IDataVersions, IDisposable
{
    /// <summary>Which store this is, in words, for <c>analytics status</c>: a file path or a server's user@host:port/database, never a password.</summary>
    string Description { get; }
}
