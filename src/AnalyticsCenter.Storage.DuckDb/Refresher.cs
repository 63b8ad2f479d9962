using System.Diagnostics;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// Brings the tables to an as-of time in one transaction: per workspace, only the timelines whose rows may have
/// changed are recomputed (from all their stored events), which gives exactly what a rebuild would. The commit holds
/// <c>commits</c> exclusively, so no query starts in the middle of it.
/// </summary>
internal sealed class Refresher(DuckDBConnection connection, DuckDbStoreOptions options, TimeProvider time, ReaderWriterLockSlim commits)
{
    private static readonly long s_epochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>Events a pass must have sessionized for its memory to be handed back before the SQL steps.</summary>
    private const long HandBackAfterEvents = 1_000_000;

    public RefreshReport Refresh(DateTime asOfUtc, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var asOf = Truncate(asOfUtc);
        connection.Execute(SqlScripts.Get("Refresh/CreateWorkTables.sql"));
        var results = new List<WorkspaceRefresh>();
        using (var transaction = connection.BeginTransaction())
        {
            var lastSeq = connection.Scalar<long>("SELECT coalesce(max(seq), 0) FROM ac.events");
            foreach (var workspace in Workspaces())
            {
                cancellationToken.ThrowIfCancellationRequested();
                results.Add(RefreshWorkspace(workspace, asOf, lastSeq, cancellationToken));
            }

            commits.EnterWriteLock();
            try
            {
                transaction.Commit();
            }
            finally
            {
                commits.ExitWriteLock();
            }
        }

        return new RefreshReport(asOf, results, Stopwatch.GetElapsedTime(started));
    }

    private List<string> Workspaces()
    {
        using var command = connection.Prepare(
            "SELECT DISTINCT workspace_id FROM ac.events UNION SELECT workspace_id FROM ac.refresh_state ORDER BY 1");
        using var reader = command.ExecuteReader();
        var workspaces = new List<string>();
        while (reader.Read())
        {
            workspaces.Add(reader.GetString(0));
        }

        return workspaces;
    }

    private WorkspaceRefresh RefreshWorkspace(string workspace, DateTime asOf, long lastSeq, CancellationToken cancellationToken)
    {
        var timeout = ConfiguredTimeout(workspace);
        var cutoff = asOf - options.Retention;
        var retentionDays = (int)Math.Ceiling(options.Retention.TotalDays);
        var previous = PreviousState(workspace);
        var full = previous is null || asOf < previous.Value.AsOf || previous.Value.TimeoutMicros != timeout.Micros
                   || previous.Value.RetentionDays != retentionDays;

        (string, object?)[] parameters =
        [
            ("ws", workspace), ("as_of", asOf), ("cutoff", cutoff), ("prev_last_seq", previous?.LastSeq ?? 0L), ("last_seq", lastSeq),
            ("prev_as_of", previous?.AsOf ?? DateTime.MinValue), ("timeout_us", timeout.Micros), ("refreshed_at", time.GetUtcNow().UtcDateTime),
            ("retention_days", retentionDays),
        ];
        connection.Execute(SqlScripts.Get("Refresh/ClearWorkTables.sql"));
        connection.Execute(SqlScripts.Get(full ? "Refresh/AllTimelines.sql" : "Refresh/DirtyTimelines.sql"), parameters);

        // A big workspace goes in passes over disjoint shares of its timelines, so memory stays bounded.
        var storedEvents = connection.Scalar<long>(SqlScripts.Get("Refresh/CountEvents.sql"), parameters);
        var passes = Math.Max(1L, (storedEvents + options.RefreshPassEvents - 1) / options.RefreshPassEvents);
        long timelines = 0;
        long events = 0;
        for (var pass = 0L; pass < passes; pass++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            connection.Execute(SqlScripts.Get("Refresh/ClearPassTables.sql"));
            connection.Execute(SqlScripts.Get("Refresh/SelectPass.sql"), ("pass", pass), ("passes", passes));
            var (passTimelines, passEvents) = SessionizeIntoWorkTables(parameters, asOf, timeout, cutoff);
            (timelines, events) = (timelines + passTimelines, events + passEvents);

            // The sessionizer's rows are in DuckDB's work tables now, and the steps below are DuckDB's alone: they should
            // have the memory to themselves. Only after a big pass: a full collection takes tens of milliseconds, and a
            // small pass (most refreshes of most workspaces) leaves little to hand back.
            if (passEvents >= HandBackAfterEvents)
            {
                ManagedMemory.HandBack();
            }

            connection.Execute(SqlScripts.Get("Refresh/DeleteDirtyRows.sql"), parameters);
            connection.Execute(SqlScripts.Get("Refresh/CollectReferencedEvents.sql"), parameters);
            connection.Execute(SqlScripts.Get("Refresh/InsertSessions.sql"), parameters);
            connection.Execute(SqlScripts.Get("Refresh/InsertDeployments.sql"), parameters);
        }

        var purged = connection.Execute(SqlScripts.Get("Refresh/Purge.sql"), parameters);
        connection.Execute(SqlScripts.Get("Refresh/SaveState.sql"), parameters);

        return new WorkspaceRefresh(
            workspace, full, timelines, events,
            connection.Scalar<long>("SELECT count(*) FROM ac.sessions WHERE workspace_id = $ws", parameters),
            connection.Scalar<long>("SELECT count(*) FROM ac.deployments WHERE workspace_id = $ws", parameters),
            purged);
    }

    /// <summary>
    /// Sessionizes the pass and appends its rows to the work tables; returns the timelines and events it read. A method of
    /// its own so that the rows are unreachable once it returns (a local would keep them alive until the pass ends).
    /// </summary>
    private (long Timelines, long Events) SessionizeIntoWorkTables((string, object?)[] parameters, DateTime asOf, InactivityTimeout timeout, DateTime cutoff)
    {
        var output = Sessionize(parameters, asOf, timeout, cutoff);
        output.AppendTo(connection);
        return (output.Timelines, output.Events);
    }

    /// <summary>Streams the dirty timelines' events through the sessionizer, one timeline at a time.</summary>
    private SessionizerOutput Sessionize((string, object?)[] parameters, DateTime asOf, InactivityTimeout timeout, DateTime cutoff)
    {
        var sessionizer = new TimelineSessionizer(ToMicros(asOf), timeout, ToMicros(cutoff));
        var output = new SessionizerOutput();
        var events = new List<TimelineEvent>();
        long currentTimeline = -1;

        using var command = connection.Prepare(SqlScripts.Get("Refresh/ReadTimelineEvents.sql"), parameters);
        command.UseStreamingMode = true;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var timeline = reader.GetInt64(0);
                if (timeline != currentTimeline && events.Count > 0)
                {
                    RunTimeline(sessionizer, currentTimeline, events, output);
                }

                currentTimeline = timeline;
                events.Add(new TimelineEvent(
                    reader.GetInt64(1),
                    (EventType)reader.GetByte(2),
                    reader.GetInt64(3),
                    reader.IsDBNull(4) ? 0 : reader.GetInt64(4),
                    reader.IsDBNull(5) ? default : (DeliveryReport)reader.GetByte(5)));
            }
        }

        if (events.Count > 0)
        {
            RunTimeline(sessionizer, currentTimeline, events, output);
        }

        return output;
    }

    private static void RunTimeline(TimelineSessionizer sessionizer, long timeline, List<TimelineEvent> events, SessionizerOutput output)
    {
        sessionizer.Run(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(events));
        output.Add(timeline, sessionizer, events.Count);
        events.Clear();
    }

    private InactivityTimeout ConfiguredTimeout(string workspace)
    {
        using var command = connection.Prepare("SELECT inactivity_timeout_us FROM ac.workspaces WHERE workspace_id = $ws", ("ws", workspace));
        using var reader = command.ExecuteReader();
        return !reader.Read() ? InactivityTimeout.Default : InactivityTimeout.FromMicros(reader.IsDBNull(0) ? null : reader.GetInt64(0));
    }

    private (DateTime AsOf, long LastSeq, long? TimeoutMicros, int RetentionDays)? PreviousState(string workspace)
    {
        using var command = connection.Prepare(
            "SELECT as_of, last_seq, inactivity_timeout_us, retention_days FROM ac.refresh_state WHERE workspace_id = $ws", ("ws", workspace));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (reader.GetDateTime(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetInt32(3))
            : null;
    }

    /// <summary>The store keeps microseconds.</summary>
    internal static DateTime Truncate(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);

    internal static long ToMicros(DateTime utc) => (utc.Ticks - s_epochTicks) / TimeSpan.TicksPerMicrosecond;
}
