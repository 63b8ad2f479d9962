using AnalyticsCenter.Core.Sessions;
using Npgsql;
using NpgsqlTypes;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// The sessionizer's rows of the timelines read since the last flush, held while the events' cursor is being read (one
/// connection runs one command at a time), then written to the two tables: their text and ids are filled here from the
/// events they refer to (read by seq, details and all, only those) and the timelines' users, and each table's rows go in
/// one binary COPY. The rows are written synchronously, as IngestBatch writes its events.
/// </summary>
internal sealed class RefreshRows(string workspace)
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

    /// <summary>Writes the held rows to the tables (the timelines' old rows are gone already) and forgets them.</summary>
    public async Task FlushAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_sessions.Count > 0 || _deployments.Count > 0)
        {
            var events = await ReferencedEvent.ReadAsync(connection, workspace, ReferencedSeqs(), cancellationToken);
            var users = await TimelineUser.ReadAsync(connection, workspace, TimelineIds(), cancellationToken);
            await CopySessionsAsync(connection, events, users, cancellationToken);
            await CopyDeploymentsAsync(connection, events, users, cancellationToken);
        }

        if (_purgeCuts.Count > 0)
        {
            await using var copy = await connection.BeginBinaryImportAsync(SqlScripts.Get("Refresh/CopyPurgeCuts.sql"), cancellationToken);
            foreach (var (timeline, purgeBefore) in _purgeCuts)
            {
                copy.StartRow();
                copy.Write(workspace, NpgsqlDbType.Text);
                copy.Write(timeline, NpgsqlDbType.Bigint);
                copy.Write(At(purgeBefore), NpgsqlDbType.Timestamp);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        _sessions.Clear();
        _deployments.Clear();
        _purgeCuts.Clear();
    }

    /// <summary>Microseconds since the epoch as a stored timestamp (UTC, no zone).</summary>
    public static DateTime At(long micros) => new(DateTime.UnixEpoch.Ticks + (micros * TimeSpan.TicksPerMicrosecond), DateTimeKind.Unspecified);

    /// <summary>A stored timestamp as microseconds since the epoch.</summary>
    public static long Micros(DateTime stored) => (stored.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    private static DateTime? At(long? micros) => micros is { } m ? At(m) : null;

    private long[] ReferencedSeqs()
    {
        var seqs = new HashSet<long>();
        foreach (var (_, s) in _sessions)
        {
            seqs.Add(s.IdSeq);
            AddIfAny(s.ParentIdSeq);
            AddIfAny(s.FirstMessageSeq);
            AddIfAny(s.LastMessageSeq);
            AddIfAny(s.LastNodeSeq);
        }

        foreach (var (_, d) in _deployments)
        {
            seqs.Add(d.CreatedSeq);
            AddIfAny(d.OutcomeSeq);
        }

        var sorted = seqs.ToArray();
        Array.Sort(sorted);
        return sorted;

        void AddIfAny(long? seq)
        {
            if (seq is { } value)
            {
                seqs.Add(value);
            }
        }
    }

    private long[] TimelineIds() => _sessions.Select(s => s.Timeline).Concat(_deployments.Select(d => d.Timeline)).Distinct().ToArray();

    /// <summary>
    /// Sessions whose starting event and timeline are found (always, within the refresh's lock), each with the campaign of
    /// the deployment that started it, for the reports.
    /// </summary>
    private async Task CopySessionsAsync(
        NpgsqlConnection connection, Dictionary<long, ReferencedEvent> events, Dictionary<long, TimelineUser> users, CancellationToken cancellationToken)
    {
        // A session's deployment is the delivered one it started from: its deployment.created is the session's own event.
        var startedBy = _deployments.Where(d => d.Deployment.Status == DeliveryStatus.Delivered).Select(d => d.Deployment.CreatedSeq).ToHashSet();
        await using var copy = await connection.BeginBinaryImportAsync(SqlScripts.Get("Refresh/CopySessions.sql"), cancellationToken);
        foreach (var (timeline, r) in _sessions)
        {
            if (!events.TryGetValue(r.IdSeq, out var s) || !users.TryGetValue(timeline, out var user))
            {
                continue;
            }

            var parent = Find(events, r.ParentIdSeq);
            var first = Find(events, r.FirstMessageSeq);
            var last = Find(events, r.LastMessageSeq);
            copy.StartRow();
            copy.Write(workspace, NpgsqlDbType.Text);
            copy.Write(timeline, NpgsqlDbType.Bigint);
            copy.Write(At(r.LastActivityMicros), NpgsqlDbType.Timestamp);
            copy.Write(s.StartedSessionId(workspace), NpgsqlDbType.Text);
            copy.Write(parent?.StartedSessionId(workspace), NpgsqlDbType.Text);
            copy.Write(At(r.StartedAtMicros), NpgsqlDbType.Timestamp);
            copy.Write(At(r.FinishedAtMicros), NpgsqlDbType.Timestamp);
            copy.Write(ColumnValues.Of(r.Type), NpgsqlDbType.Text);
            copy.Write(ColumnValues.Of(r.Status), NpgsqlDbType.Text);
            copy.Write(s.ConversationId, NpgsqlDbType.Text);
            copy.Write(s.ConversationVersion, NpgsqlDbType.Integer);
            copy.Write(user.CountryCode, NpgsqlDbType.Text);
            copy.Write(user.Cellphone, NpgsqlDbType.Text);
            copy.Write(user.LineNumber, NpgsqlDbType.Text);
            copy.Write(s.LineDisplayName, NpgsqlDbType.Text);
            copy.Write(first?.OccurredAt, NpgsqlDbType.Timestamp);
            copy.Write(first?.MessageText, NpgsqlDbType.Text);
            copy.Write(last?.OccurredAt, NpgsqlDbType.Timestamp);
            copy.Write(last?.MessageText, NpgsqlDbType.Text);
            copy.Write(Find(events, r.LastNodeSeq)?.NodeId, NpgsqlDbType.Text);
            foreach (var referral in s.Referral)
            {
                copy.Write(referral, NpgsqlDbType.Text);
            }

            copy.Write(s.LinkCampaignName, NpgsqlDbType.Text);
            copy.Write(s.LinkCampaignSource, NpgsqlDbType.Text);
            copy.Write(r.EndReason is { } reason ? ColumnValues.Of(reason) : null, NpgsqlDbType.Text);
            copy.Write(startedBy.Contains(r.IdSeq) ? s.CampaignName : null, NpgsqlDbType.Text);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Deployments: what was sent from deployment.created; why it failed from its failing status, its code and title as
    /// <c>code: title</c> (either alone when the other is missing); a delivered one's session, and the facts of that session
    /// the reports read (its start and finish, whether the user wrote in it).
    /// </summary>
    private async Task CopyDeploymentsAsync(
        NpgsqlConnection connection, Dictionary<long, ReferencedEvent> events, Dictionary<long, TimelineUser> users, CancellationToken cancellationToken)
    {
        // A delivered deployment's session is the one its deployment.created started (DeploymentRecord), in the same timeline.
        var sessions = new Dictionary<long, SessionRecord>(_sessions.Count);
        foreach (var (_, session) in _sessions)
        {
            sessions.TryAdd(session.IdSeq, session);
        }

        await using var copy = await connection.BeginBinaryImportAsync(SqlScripts.Get("Refresh/CopyDeployments.sql"), cancellationToken);
        foreach (var (timeline, r) in _deployments)
        {
            if (!events.TryGetValue(r.CreatedSeq, out var created) || !users.TryGetValue(timeline, out var user))
            {
                continue;
            }

            var delivered = r.Status == DeliveryStatus.Delivered;
            var outcome = r.Status == DeliveryStatus.Failed ? Find(events, r.OutcomeSeq) : null;
            copy.StartRow();
            copy.Write(workspace, NpgsqlDbType.Text);
            copy.Write(timeline, NpgsqlDbType.Bigint);
            copy.Write(created.ConversationId, NpgsqlDbType.Text);
            copy.Write(created.ConversationVersion, NpgsqlDbType.Integer);
            copy.Write(user.CountryCode, NpgsqlDbType.Text);
            copy.Write(user.Cellphone, NpgsqlDbType.Text);
            copy.Write(created.OccurredAt, NpgsqlDbType.Timestamp);
            copy.Write(ColumnValues.Of(r.Status), NpgsqlDbType.Text);
            copy.Write(outcome is null ? null : StatusDetail(outcome), NpgsqlDbType.Text);
            copy.Write(delivered ? At(r.OutcomeAtMicros) : null, NpgsqlDbType.Timestamp);
            copy.Write(delivered ? created.StartedSessionId(workspace) : null, NpgsqlDbType.Text);
            copy.Write(created.DeploymentId, NpgsqlDbType.Text);
            copy.Write(user.LineNumber, NpgsqlDbType.Text);
            copy.Write(created.CampaignName, NpgsqlDbType.Text);
            var session = delivered ? sessions.GetValueOrDefault(r.CreatedSeq) : null;
            copy.Write(At(session?.StartedAtMicros), NpgsqlDbType.Timestamp);
            copy.Write(At(session?.FinishedAtMicros), NpgsqlDbType.Timestamp);
            copy.Write(session?.FirstMessageSeq is { } first && events.ContainsKey(first), NpgsqlDbType.Boolean);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static string? StatusDetail(ReferencedEvent outcome) =>
        outcome.ErrorCode is { } code && outcome.ErrorTitle is { } title ? $"{code}: {title}" : outcome.ErrorCode ?? outcome.ErrorTitle;

    private static ReferencedEvent? Find(Dictionary<long, ReferencedEvent> events, long? seq) =>
        seq is { } value && events.TryGetValue(value, out var e) ? e : null;
}
