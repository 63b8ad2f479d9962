using System.Data.Common;
using AnalyticsCenter.Core.Sessions;

namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// Reads the rows of either store's status SQL (DuckDB's Query/Status.sql, PostgreSQL's Workspaces/Status.sql) by their
/// column names, looked up once for the reader: a SELECT that lists its columns in another order reads the same.
/// </summary>
public sealed class WorkspaceStatusReader
{
    private readonly DbDataReader _reader;
    private readonly RetentionPeriod _storeRetention;
    private readonly int _workspace;
    private readonly int _asOf;
    private readonly int _refreshedAt;
    private readonly int _sessions;
    private readonly int _deployments;
    private readonly int _eventsWaiting;
    private readonly int _statusesPending;
    private readonly int _hasTimeout;
    private readonly int _inactivityTimeout;
    private readonly int _timeZone;
    private readonly int _retention;

    /// <param name="reader">The reader of the status SQL's rows.</param>
    /// <param name="storeRetention">The store's retention, for a workspace that set none.</param>
    public WorkspaceStatusReader(DbDataReader reader, RetentionPeriod storeRetention)
    {
        ArgumentNullException.ThrowIfNull(reader);
        (_reader, _storeRetention) = (reader, storeRetention);
        _workspace = reader.GetOrdinal("workspace_id");
        _asOf = reader.GetOrdinal("as_of");
        _refreshedAt = reader.GetOrdinal("refreshed_at");
        _sessions = reader.GetOrdinal("sessions");
        _deployments = reader.GetOrdinal("deployments");
        _eventsWaiting = reader.GetOrdinal("events_waiting");
        _statusesPending = reader.GetOrdinal("statuses_pending");
        _hasTimeout = reader.GetOrdinal("has_timeout");
        _inactivityTimeout = reader.GetOrdinal("inactivity_timeout_us");
        _timeZone = reader.GetOrdinal("time_zone");
        _retention = reader.GetOrdinal("retention_us");
    }

    /// <summary>The workspace of the reader's current row.</summary>
    public WorkspaceStatus Current() => new(
        _reader.GetString(_workspace),
        _reader.UtcOrNull(_asOf),
        _reader.UtcOrNull(_refreshedAt),
        _reader.GetInt64(_sessions),
        _reader.GetInt64(_deployments),
        _reader.GetInt64(_eventsWaiting),
        _reader.GetInt64(_statusesPending),
        _reader.GetBoolean(_hasTimeout) ? InactivityTimeout.FromMicros(_reader.GetInt64(_inactivityTimeout)) : InactivityTimeout.None,
        WorkspaceTimeZone.FromStored(_reader.IsDBNull(_timeZone) ? null : _reader.GetString(_timeZone)),
        RetentionPeriod.FromMicros(_reader.IsDBNull(_retention) ? null : _reader.GetInt64(_retention), _storeRetention));
}
