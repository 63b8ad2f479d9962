using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// Brings workspaces' tables to an as-of time, each workspace in one transaction of its own under an advisory lock: one
/// refresher per workspace at a time (others wait for it), different workspaces at once, and readers see the previous
/// rows until the commit. Only the timelines whose rows may have changed are recomputed (from all their stored events),
/// which gives exactly what a rebuild would.
/// <para>
/// Which events are new is not "seq greater than the last seen": several writers commit seqs out of order, so a slower
/// transaction could commit a smaller seq after a refresh passed it. Instead the ingest queues the seqs it stored (a
/// multirange per batch and workspace in <c>refresh_batches</c>) in its own transaction, and the refresh takes its
/// workspace's queue (DELETE … RETURNING) in its own: an event committed before that statement is taken once, one
/// committed after it stays for the next refresh.
/// </para>
/// </summary>
internal sealed class TableRefresh(NpgsqlDataSource source, PostgresStoreOptions options, TimeProvider time)
{
    /// <summary>
    /// Workspaces refreshed at once, each on a connection of its own: the server sorts, joins and writes one workspace per
    /// backend, so two keep two of its cores busy. Each is still one transaction under its own lock.
    /// </summary>
    private const int Refreshers = 2;

    /// <summary>Brings every workspace, or <paramref name="only"/> one, to <paramref name="asOfUtc"/>.</summary>
    public async Task<RefreshReport> RefreshAsync(WorkspaceId? only, DateTime asOfUtc, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var asOf = StoredTime.Micros(asOfUtc.ToUniversalTime());
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        var workspaces = only is { } one ? [one.Value] : await WorkspacesAsync(connection, cancellationToken);
        var pending = new ConcurrentQueue<string>(workspaces);
        var results = new ConcurrentBag<WorkspaceRefresh>();

        // Workspaces another refresher holds are done last, waiting for it then: several refreshers of all workspaces
        // spread over them instead of queueing behind each other's first.
        var busy = new ConcurrentQueue<string>();
        var others = new List<NpgsqlConnection>();
        try
        {
            for (var i = 1; i < Math.Min(Refreshers, workspaces.Count); i++)
            {
                others.Add(await source.OpenConnectionAsync(cancellationToken));
            }

            await Task.WhenAll(others.Prepend(connection).Select(refresher => Task.Run(() => RefreshEachAsync(refresher), cancellationToken)));
        }
        finally
        {
            foreach (var other in others)
            {
                await other.DisposeAsync();
            }
        }

        foreach (var workspace in busy)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add((await RefreshWorkspaceAsync(connection, workspace, asOf, wait: true, cancellationToken))!);
        }

        var sorted = results.ToList();
        sorted.Sort((a, b) => string.CompareOrdinal(a.Workspace, b.Workspace));
        return new RefreshReport(asOf, sorted, Stopwatch.GetElapsedTime(started));

        // Takes workspaces from the shared list until none is left.
        async Task RefreshEachAsync(NpgsqlConnection refresher)
        {
            while (pending.TryDequeue(out var workspace))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await RefreshWorkspaceAsync(refresher, workspace, asOf, wait: false, cancellationToken) is { } done)
                {
                    results.Add(done);
                }
                else
                {
                    busy.Enqueue(workspace);
                }
            }
        }
    }

    private static async Task<List<string>> WorkspacesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("Refresh/Workspaces.sql");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var workspaces = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            workspaces.Add(reader.GetString(0));
        }

        return workspaces;
    }

    /// <summary>
    /// Refreshes one workspace in a transaction of its own; null, changing nothing, when another refresher holds it and
    /// <paramref name="wait"/> is false.
    /// </summary>
    private async Task<WorkspaceRefresh?> RefreshWorkspaceAsync(
        NpgsqlConnection connection, string ws, DateTime asOf, bool wait, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("Refresh/Begin.sql", cancellationToken);
        if (wait)
        {
            await connection.ExecuteAsync("Refresh/Lock.sql", cancellationToken, ("ws", ws));
        }
        else if (!await connection.ScalarAsync<bool>("Refresh/TryLock.sql", cancellationToken, ("ws", ws)))
        {
            return null;
        }

        var settings = await SettingsAsync(connection, ws, asOf, cancellationToken);
        var cutoff = settings.Retention.StartsAt(asOf);
        var queued = await connection.ScalarAsync<NpgsqlRange<long>[]?>("Refresh/TakeQueue.sql", cancellationToken, ("ws", ws));
        if (settings.Full)
        {
            await connection.ExecuteAsync("Refresh/AllTimelines.sql", cancellationToken, ("ws", ws));
        }
        else
        {
            await connection.ExecuteAsync("Refresh/DirtyTimelines.sql", cancellationToken, ("ws", ws), ("queued", queued),
                ("prev_as_of", settings.PreviousAsOf), ("as_of", asOf), ("cutoff", cutoff), ("timeout_us", settings.Timeout.Micros));
        }

        // The dirty timelines' rows go first: the sessionizer's new ones are written as it goes.
        await connection.ExecuteAsync("Refresh/DeleteDirtyRows.sql", cancellationToken, ("ws", ws));
        var (timelines, events) = await SessionizeAsync(connection, ws, asOf, cutoff, settings.Timeout, cancellationToken);
        var purged = await connection.ScalarAsync<long>("Refresh/Purge.sql", cancellationToken, ("ws", ws));
        await connection.ExecuteAsync("Refresh/SaveState.sql", cancellationToken,
            ("ws", ws), ("as_of", asOf), ("refreshed_at", StoredTime.Now(time)), ("timeout_us", settings.Timeout.Micros),
            ("retention_days", settings.Retention.Days));
        await connection.ExecuteAsync("Workspaces/RaiseDataVersion.sql", cancellationToken, ("ws", ws));
        var (sessions, deployments) = await RowCountsAsync(connection, ws, cancellationToken);
        // This refresh's rows in the work tables go before the commit, so none is ever committed (a failure rolls them back).
        await connection.ExecuteAsync("Refresh/ClearWorkTables.sql", cancellationToken, ("ws", ws));
        await transaction.CommitAsync(cancellationToken);
        return new WorkspaceRefresh(ws, settings.Full, timelines, events, sessions, deployments, purged);
    }

    /// <summary>
    /// The workspace's timeout and retention window, and whether it is rebuilt in full: on its first refresh, after its
    /// timeout or retention window changed, or when the as-of time goes back.
    /// </summary>
    private async Task<Settings> SettingsAsync(NpgsqlConnection connection, string ws, DateTime asOf, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("Refresh/Settings.sql", ("ws", ws));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var timeout = reader.GetBoolean(0) ? InactivityTimeout.FromMicros(reader.IsDBNull(1) ? null : reader.GetInt64(1)) : InactivityTimeout.Default;
        var retention = RetentionPeriod.FromMicros(reader.IsDBNull(6) ? null : reader.GetInt64(6), options.Retention);
        var refreshed = reader.GetBoolean(2);
        var previousAsOf = refreshed ? reader.GetDateTime(3) : DateTime.MinValue;
        var full = !refreshed || asOf < previousAsOf || (reader.IsDBNull(4) ? null : reader.GetInt64(4)) != timeout.Micros
                   || reader.GetInt32(5) != retention.Days;
        return new Settings(timeout, retention, full, previousAsOf);
    }

    /// <summary>
    /// Streams the dirty timelines' events from a cursor, a fetch at a time, through the sessionizer, one timeline at a
    /// time, and writes each fetch's rows to the tables before the next: memory holds a fetch, not the workspace.
    /// </summary>
    private async Task<(long Timelines, long Events)> SessionizeAsync(
        NpgsqlConnection connection, string ws, DateTime asOf, DateTime cutoff, InactivityTimeout timeout, CancellationToken cancellationToken)
    {
        var sessionizer = new TimelineSessionizer(RefreshRows.Micros(asOf), timeout, RefreshRows.Micros(cutoff));
        var rows = new RefreshRows(ws);
        var events = new List<TimelineEvent>();
        long timelines = 0, read = 0, current = -1;
        await connection.ExecuteAsync("Refresh/OpenEvents.sql", cancellationToken, ("ws", ws), ("as_of", asOf));
        var fetch = SqlScripts.Get("Refresh/FetchEvents.sql")
            .Replace("{rows}", options.RefreshFetchRows.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        int fetched;
        do
        {
            fetched = 0;
            await using (var command = new NpgsqlCommand(fetch, connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    fetched++;
                    var timeline = reader.GetInt64(0);
                    if (timeline != current && events.Count > 0)
                    {
                        RunTimeline();
                    }

                    current = timeline;
                    events.Add(new TimelineEvent(
                        reader.GetInt64(1),
                        (EventType)reader.GetInt16(2),
                        RefreshRows.Micros(reader.GetDateTime(3)),
                        reader.IsDBNull(4) ? 0 : reader.GetInt64(4),
                        reader.IsDBNull(5) ? default : (DeliveryReport)reader.GetInt16(5)));
                }
            }

            // The timeline the fetch ended in may go on in the next one: it runs when it ends, or after the last fetch.
            if (fetched < options.RefreshFetchRows && events.Count > 0)
            {
                RunTimeline();
            }

            await rows.FlushAsync(connection, cancellationToken);
        }
        while (fetched == options.RefreshFetchRows);

        return (timelines, read);

        void RunTimeline()
        {
            sessionizer.Run(CollectionsMarshal.AsSpan(events));
            rows.Add(current, sessionizer);
            timelines++;
            read += events.Count;
            events.Clear();
        }
    }

    private static async Task<(long Sessions, long Deployments)> RowCountsAsync(NpgsqlConnection connection, string ws, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("Refresh/RowCounts.sql", ("ws", ws));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private readonly record struct Settings(InactivityTimeout Timeout, RetentionPeriod Retention, bool Full, DateTime PreviousAsOf);
}
