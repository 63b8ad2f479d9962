using AnalyticsCenter.Core.Sessions;
using Npgsql;
using NpgsqlTypes;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// The sessionizer's rows of the timelines read since the last flush, held while the events' cursor is being read (one
/// connection runs one command at a time), then copied to the refresh's work tables.
/// </summary>
internal sealed class RefreshRows
{
    private readonly List<(long Timeline, SessionRecord Session)> _sessions = [];
    private readonly List<(long Timeline, DeploymentRecord Deployment)> _deployments = [];
    private readonly List<(long Timeline, long PurgeBefore)> _purgeCuts = [];

    public void Add(long timeline, TimelineSessionizer sessionizer)
    {
        _sessions.AddRange(sessionizer.Sessions.Select(session => (timeline, session)));
        _deployments.AddRange(sessionizer.Deployments.Select(deployment => (timeline, deployment)));
        if (sessionizer.PurgeBeforeMicros is { } purgeBefore)
        {
            _purgeCuts.Add((timeline, purgeBefore));
        }
    }

    /// <summary>Copies the held rows to the work tables and forgets them.</summary>
    public async Task FlushAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_sessions.Count > 0)
        {
            await using var copy = await connection.BeginBinaryImportAsync(SqlScripts.Get("Refresh/CopySessionRefs.sql"), cancellationToken);
            foreach (var (timeline, s) in _sessions)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(timeline, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(s.IdSeq, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(s.ParentIdSeq, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(At(s.StartedAtMicros), NpgsqlDbType.Timestamp, cancellationToken);
                await copy.WriteAsync(At(s.FinishedAtMicros), NpgsqlDbType.Timestamp, cancellationToken);
                await copy.WriteAsync(At(s.LastActivityMicros), NpgsqlDbType.Timestamp, cancellationToken);
                await copy.WriteAsync(ColumnValues.Of(s.Type), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(ColumnValues.Of(s.Status), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(s.FirstMessageSeq, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(s.LastMessageSeq, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(s.LastNodeSeq, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(s.EndReason is { } reason ? ColumnValues.Of(reason) : null, NpgsqlDbType.Text, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        if (_deployments.Count > 0)
        {
            await using var copy = await connection.BeginBinaryImportAsync(SqlScripts.Get("Refresh/CopyDeploymentRefs.sql"), cancellationToken);
            foreach (var (timeline, d) in _deployments)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(timeline, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(d.CreatedSeq, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(ColumnValues.Of(d.Status), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(d.OutcomeSeq, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(At(d.OutcomeAtMicros), NpgsqlDbType.Timestamp, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        if (_purgeCuts.Count > 0)
        {
            await using var copy = await connection.BeginBinaryImportAsync(SqlScripts.Get("Refresh/CopyPurgeCuts.sql"), cancellationToken);
            foreach (var (timeline, purgeBefore) in _purgeCuts)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(timeline, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(At(purgeBefore), NpgsqlDbType.Timestamp, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        _sessions.Clear();
        _deployments.Clear();
        _purgeCuts.Clear();
    }

    /// <summary>Microseconds since the epoch as a stored timestamp (UTC, no zone).</summary>
    public static DateTime At(long micros) => new(DateTime.UnixEpoch.Ticks + (micros * TimeSpan.TicksPerMicrosecond), DateTimeKind.Unspecified);

    private static DateTime? At(long? micros) => micros is { } m ? At(m) : null;

    /// <summary>A stored timestamp as microseconds since the epoch.</summary>
    public static long Micros(DateTime stored) => (stored.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
}
