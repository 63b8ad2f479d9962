using System.Diagnostics;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// Brings the tables to an as-of time in one transaction: only the timelines whose rows may have changed are recomputed
/// (from all their stored events), which gives exactly what a rebuild would. Every step runs once for all workspaces,
/// each workspace's settings joined in, so a store of many workspaces reads its tables once, not once per workspace.
/// The commit holds <c>commits</c> exclusively, so no query starts in the middle of it. Its work tables are the writing
/// connection's, made as the store opened (Refresh/CreateWorkTables.sql).
/// </summary>
internal sealed class Refresher(
    DuckDBConnection connection, DuckDbStoreOptions options, TimeProvider time, ReaderWriterLockSlim commits, Action beforeLargeRefresh)
{
    private static readonly long s_epochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>
    /// New events since the last refresh past which a refresh counts as large: <c>beforeLargeRefresh</c> runs first. A
    /// refresh a minute or so after the last one stays below it.
    /// </summary>
    private const long LargeRefreshEvents = 250_000;

    /// <summary>Events a pass must have sessionized for its memory to be handed back before the SQL steps.</summary>
    private const long HandBackAfterEvents = 1_000_000;

    /// <summary>Brings every workspace, or <paramref name="only"/> one, to <paramref name="asOfUtc"/>.</summary>
    public RefreshReport Refresh(WorkspaceId? only, DateTime asOfUtc, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var asOf = Truncate(asOfUtc);
        IReadOnlyList<WorkspaceRefresh> results;
        using (var transaction = connection.BeginTransaction())
        {
            results = RefreshAll(only, asOf, cancellationToken);

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

    private List<WorkspaceRefresh> RefreshAll(WorkspaceId? only, DateTime asOf, CancellationToken cancellationToken)
    {
        var lastSeq = connection.Scalar<long>("SELECT coalesce(max(seq), 0) FROM ac.events");
        (string, object?)[] parameters = [("as_of", asOf), ("last_seq", lastSeq), ("refreshed_at", time.GetUtcNow().UtcDateTime)];
        var workspaces = Workspaces(only, asOf);
        if (workspaces.Any(w => w.Full || lastSeq - w.PreviousLastSeq > LargeRefreshEvents))
        {
            beforeLargeRefresh();
        }

        connection.Execute(SqlScripts.Get("Refresh/ClearWorkTables.sql"));
        AppendWorkspaces(workspaces);
        // The earliest seq and as-of time any workspace refreshed incrementally was last brought to, and the latest start of
        // their retention windows: bounds common to all, which let the scans skip row groups.
        var incremental = workspaces.Where(w => !w.Full).ToList();
        connection.Execute(SqlScripts.Get("Refresh/Timelines.sql"), [
            .. parameters,
            ("since_seq", incremental.Count > 0 ? incremental.Min(w => w.PreviousLastSeq) : lastSeq),
            ("since_as_of", incremental.Count > 0 ? incremental.Min(w => w.PreviousAsOf) : asOf),
            ("latest_cutoff", incremental.Count > 0 ? incremental.Max(w => w.Cutoff) : DateTime.MinValue)]);

        // A big refresh goes in passes over disjoint shares of its timelines, so memory stays bounded.
        var storedEvents = connection.Scalar<long>(SqlScripts.Get("Refresh/CountEvents.sql"));
        var passes = Math.Max(1L, (storedEvents + options.RefreshPassEvents - 1) / options.RefreshPassEvents);
        var read = new ReadCounts(workspaces.Count);
        for (var pass = 0L; pass < passes; pass++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            connection.Execute(SqlScripts.Get("Refresh/ClearPassTables.sql"));
            connection.Execute(SqlScripts.Get("Refresh/SelectPass.sql"), ("pass", pass), ("passes", passes));
            var passEvents = SessionizeIntoWorkTables(parameters, workspaces, asOf, read);

            // The sessionizer's rows are in DuckDB's work tables now, and the steps below are DuckDB's alone: they should
            // have the memory to themselves. Only after a big pass: a full collection takes tens of milliseconds, and a
            // small pass (most refreshes) leaves little to hand back.
            if (passEvents >= HandBackAfterEvents)
            {
                ManagedMemory.HandBack();
            }

            connection.Execute(SqlScripts.Get("Refresh/DeleteDirtyRows.sql"));
            connection.Execute(SqlScripts.Get("Refresh/ReferencedSeqs.sql"));
            connection.Execute(
                SqlScripts.Get("Refresh/CollectReferencedEvents.sql"),
                ("from_seq", connection.Scalar<long>("SELECT coalesce(min(seq), 0) FROM referenced_seqs")));
            connection.Execute(SqlScripts.Get("Refresh/InsertSessions.sql"));
            connection.Execute(SqlScripts.Get("Refresh/InsertDeployments.sql"));
        }

        var purged = read.Purges ? Purge(workspaces.Max(w => w.Cutoff)) : [];
        connection.Execute(SqlScripts.Get("Refresh/SaveState.sql"), parameters);
        if (only is null)
        {
            connection.Execute(SqlScripts.Get("Refresh/SaveAllState.sql"), ("last_seq", lastSeq));
        }

        var rows = RowCounts();
        return workspaces.Select((w, i) =>
        {
            var (sessions, deployments) = rows[w.Id];
            return new WorkspaceRefresh(w.Id, w.Full, read.Timelines[i], read.Events[i], sessions, deployments, purged.GetValueOrDefault(w.Id));
        }).ToList();
    }

    /// <summary>
    /// Every workspace to bring up to date, with its settings; one is rebuilt in full on its first refresh, after its
    /// timeout or retention window changed, or when the as-of time goes back.
    /// </summary>
    private List<RefreshedWorkspace> Workspaces(WorkspaceId? only, DateTime asOf)
    {
        using var command = connection.Prepare(
            SqlScripts.Get("Refresh/Workspaces.sql"),
            ("only", only?.Value), ("known_seq", connection.Scalar<long>(SqlScripts.Get("Refresh/KnownSeq.sql"))));
        using var reader = command.ExecuteReader();
        var workspaces = new List<RefreshedWorkspace>();
        while (reader.Read())
        {
            var timeout = reader.GetBoolean(1) ? InactivityTimeout.FromMicros(reader.IsDBNull(2) ? null : reader.GetInt64(2)) : InactivityTimeout.Default;
            var retention = RetentionPeriod.FromMicros(reader.IsDBNull(8) ? null : reader.GetInt64(8), options.Retention);
            var refreshed = reader.GetBoolean(3);
            var previousAsOf = refreshed ? reader.GetDateTime(4) : DateTime.MinValue;
            var full = !refreshed || asOf < previousAsOf || (reader.IsDBNull(6) ? null : reader.GetInt64(6)) != timeout.Micros
                       || reader.GetInt32(7) != retention.Days;
            workspaces.Add(new RefreshedWorkspace(
                reader.GetString(0), full, timeout, retention, refreshed ? reader.GetInt64(5) : 0, previousAsOf, retention.StartsAt(asOf)));
        }

        return workspaces;
    }

    /// <summary>Numbers the workspaces by their place in <paramref name="workspaces"/>: the <c>ws</c> of the work tables.</summary>
    private void AppendWorkspaces(List<RefreshedWorkspace> workspaces)
    {
        using var appender = connection.CreateAppender("temp", "main", "refresh_workspaces");
        for (var ws = 0; ws < workspaces.Count; ws++)
        {
            var w = workspaces[ws];
            appender.CreateRow()
                .AppendValue(w.Id).AppendValue(ws).AppendValue(w.Full).AppendValue(w.Timeout.Micros)
                .AppendValue(w.PreviousLastSeq).AppendValue(w.PreviousAsOf).AppendValue(w.Cutoff).AppendValue(w.Retention.Days)
                .EndRow();
        }
    }

    /// <summary>
    /// Sessionizes the pass and appends its rows to the work tables, counting what each workspace read in
    /// <paramref name="read"/>; returns the events the pass read. A method of its own so that the rows are unreachable once
    /// it returns (a local would keep them alive until the pass ends).
    /// </summary>
    private long SessionizeIntoWorkTables(
        (string, object?)[] parameters, List<RefreshedWorkspace> workspaces, DateTime asOf, ReadCounts read)
    {
        var output = Sessionize(parameters, workspaces, asOf, read);
        output.AppendTo(connection);
        read.Purges |= output.Purges;
        return output.Events;
    }

    /// <summary>Streams the pass's timelines' events through their workspaces' sessionizers, one timeline at a time.</summary>
    private SessionizerOutput Sessionize(
        (string, object?)[] parameters, List<RefreshedWorkspace> workspaces, DateTime asOf, ReadCounts read)
    {
        var sessionizers = new TimelineSessionizer?[workspaces.Count];
        var output = new SessionizerOutput();
        var events = new List<TimelineEvent>();
        long currentTimeline = -1;
        var currentWorkspace = 0;

        using var command = connection.Prepare(SqlScripts.Get("Refresh/ReadTimelineEvents.sql"), parameters);
        command.UseStreamingMode = true;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var timeline = reader.GetInt64(0);
                if (timeline != currentTimeline && events.Count > 0)
                {
                    RunTimeline(currentWorkspace, currentTimeline);
                }

                (currentTimeline, currentWorkspace) = (timeline, reader.GetInt32(1));
                events.Add(new TimelineEvent(
                    reader.GetInt64(2),
                    (EventType)reader.GetByte(3),
                    reader.GetInt64(4),
                    reader.IsDBNull(5) ? 0 : reader.GetInt64(5),
                    reader.IsDBNull(6) ? default : (DeliveryReport)reader.GetByte(6)));
            }
        }

        if (events.Count > 0)
        {
            RunTimeline(currentWorkspace, currentTimeline);
        }

        return output;

        void RunTimeline(int ws, long timeline)
        {
            var sessionizer = sessionizers[ws] ??= new TimelineSessionizer(ToMicros(asOf), workspaces[ws].Timeout, ToMicros(workspaces[ws].Cutoff));
            sessionizer.Run(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(events));
            output.Add(timeline, sessionizer, events.Count);
            read.Timelines[ws]++;
            read.Events[ws] += events.Count;
            events.Clear();
        }
    }

    /// <summary>Applies retention to the raw events; returns how many each workspace lost.</summary>
    private Dictionary<string, long> Purge(DateTime latestCutoff)
    {
        connection.Execute(SqlScripts.Get("Refresh/Purge.sql"), ("latest_cutoff", latestCutoff));
        var purged = new Dictionary<string, long>(StringComparer.Ordinal);
        using var counts = connection.Prepare(SqlScripts.Get("Refresh/PurgedCounts.sql"));
        using var reader = counts.ExecuteReader();
        while (reader.Read())
        {
            purged[reader.GetString(0)] = reader.GetInt64(1);
        }

        return purged;
    }

    private Dictionary<string, (long Sessions, long Deployments)> RowCounts()
    {
        using var command = connection.Prepare(SqlScripts.Get("Refresh/RowCounts.sql"));
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }

        return counts;
    }

    /// <summary>The store keeps microseconds.</summary>
    internal static DateTime Truncate(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);

    internal static long ToMicros(DateTime utc) => (utc.Ticks - s_epochTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>The timelines and events a refresh read, per workspace (by <c>ws</c>).</summary>
    private sealed class ReadCounts(int workspaces)
    {
        public long[] Timelines { get; } = new long[workspaces];

        public long[] Events { get; } = new long[workspaces];

        /// <summary>Whether any timeline has events that retention drops.</summary>
        public bool Purges { get; set; }
    }

    /// <summary>
    /// A workspace a refresh brings up to date: its settings, what its last refresh applied, and where its retention window
    /// starts.
    /// </summary>
    private readonly record struct RefreshedWorkspace(
        string Id, bool Full, InactivityTimeout Timeout, RetentionPeriod Retention, long PreviousLastSeq, DateTime PreviousAsOf, DateTime Cutoff);
}
