using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Sessions;

/// <summary>
/// Applies the rules of sessionization.md to one timeline (one workspace, line and user): its events in
/// <c>occurred_at</c> order, ties by <c>event_id</c>, all at or before the as-of time. The result depends only on
/// those events and the settings. Reusable across timelines; not thread-safe.
/// </summary>
public sealed class TimelineSessionizer
{
    private readonly long _asOf;
    private readonly long? _timeout;
    private readonly long _cutoff;
    private readonly List<SessionRecord> _sessions = [];
    private readonly List<DeploymentRecord> _deployments = [];
    private readonly List<SessionRecord> _allSessions = [];
    private readonly List<DeploymentRecord> _allDeployments = [];
    private readonly Dictionary<long, DeploymentRecord> _bySeq = [];
    private readonly Dictionary<long, List<TimelineEvent>> _early = [];
    private readonly List<long> _quietInstants = [];
    private SessionRecord? _open;

    /// <param name="asOfMicros">The refresh's as-of time T.</param>
    /// <param name="timeout">The workspace's inactivity timeout.</param>
    /// <param name="retentionCutoffMicros">T minus the retention: rows that began before it are not kept.</param>
    public TimelineSessionizer(long asOfMicros, InactivityTimeout timeout, long retentionCutoffMicros)
    {
        _asOf = asOfMicros;
        _timeout = timeout.Micros;
        _cutoff = retentionCutoffMicros;
    }

    /// <summary>The retained sessions of the last timeline run, in start order.</summary>
    public IReadOnlyList<SessionRecord> Sessions => _sessions;

    /// <summary>The retained deployments of the last timeline run, in creation order.</summary>
    public IReadOnlyList<DeploymentRecord> Deployments => _deployments;

    /// <summary>
    /// Events of the last timeline before this instant may be purged: nothing retained depends on them, because
    /// no session was open then and every deployment created earlier was already resolved. Null when nothing may go.
    /// </summary>
    public long? PurgeBeforeMicros { get; private set; }

    /// <summary>Computes one timeline's sessions and deployments.</summary>
    public void Run(ReadOnlySpan<TimelineEvent> events)
    {
        _sessions.Clear();
        _deployments.Clear();
        _bySeq.Clear();
        _early.Clear();
        _quietInstants.Clear();
        _open = null;
        _allSessions.Clear();
        _allDeployments.Clear();
        long? previousAt = null;

        foreach (var e in events)
        {
            CloseIfTimedOut(e.AtMicros);
            if (_open is null && e.AtMicros != previousAt && e.AtMicros <= _cutoff)
            {
                _quietInstants.Add(e.AtMicros);
            }

            previousAt = e.AtMicros;
            Apply(e, _allSessions, _allDeployments);
        }

        var openAtCutoff = _open is not null && (_timeout is not { } t || _open.LastActivityMicros + t > _cutoff);
        CloseIfTimedOut(_asOf);
        if (!openAtCutoff && (previousAt is null || previousAt < _cutoff))
        {
            _quietInstants.Add(_cutoff);
        }

        PurgeBeforeMicros = LatestSafeQuietInstant(_allDeployments);
        foreach (var session in _allSessions)
        {
            if (session.StartedAtMicros >= _cutoff)
            {
                _sessions.Add(session);
            }
        }

        foreach (var deployment in _allDeployments)
        {
            if (deployment.CreatedAtMicros >= _cutoff)
            {
                _deployments.Add(deployment);
            }
        }
    }

    private void Apply(in TimelineEvent e, List<SessionRecord> sessions, List<DeploymentRecord> deployments)
    {
        switch (e.Type)
        {
            case EventType.MessageInbound:
                if (_open is null)
                {
                    Start(sessions, SessionType.Inbound, e.Seq, e.AtMicros, parent: null);
                    _open!.FirstMessageSeq = e.Seq;
                }

                Touch(e.AtMicros);
                _open.FirstMessageSeq ??= e.Seq;
                _open.LastMessageSeq = e.Seq;
                break;
            case EventType.MessageOutbound:
                Touch(e.AtMicros);
                break;
            case EventType.NodeReached:
                if (Touch(e.AtMicros))
                {
                    _open!.LastNodeSeq = e.Seq;
                }

                break;
            case EventType.AgentAssigned:
                if (Touch(e.AtMicros))
                {
                    _open!.Status = SessionStatus.Agents;
                }

                break;
            case EventType.RatingRequested:
                if (Touch(e.AtMicros))
                {
                    _open!.Status = SessionStatus.Rating;
                }

                break;
            case EventType.AgentClosed:
                Close(e.AtMicros, SessionEndReason.AgentClosed);
                break;
            case EventType.FlowOverwritten:
                Close(e.AtMicros, SessionEndReason.Overwritten);
                break;
            case EventType.FlowRedirected:
                if (_open is { } parent)
                {
                    Close(e.AtMicros, SessionEndReason.Redirected);
                    Start(sessions, parent.Type, e.Seq, e.AtMicros, parent.IdSeq);
                }

                break;
            case EventType.DeploymentCreated:
                var deployment = new DeploymentRecord { CreatedSeq = e.Seq, CreatedAtMicros = e.AtMicros };
                _bySeq[e.Seq] = deployment;
                deployments.Add(deployment);

                // Statuses that came before their deployment apply now, at its creation instant.
                if (_early.Remove(e.Seq, out var early))
                {
                    foreach (var status in early)
                    {
                        ApplyStatus(sessions, deployment, status, e.AtMicros);
                    }
                }

                break;
            case EventType.DeploymentStatus:
                if (_bySeq.TryGetValue(e.DeploymentSeq, out var known))
                {
                    ApplyStatus(sessions, known, e, e.AtMicros);
                }
                else
                {
                    if (!_early.TryGetValue(e.DeploymentSeq, out var waiting))
                    {
                        _early[e.DeploymentSeq] = waiting = [];
                    }

                    waiting.Add(e);
                }

                break;
        }
    }

    private void ApplyStatus(List<SessionRecord> sessions, DeploymentRecord deployment, in TimelineEvent status, long atMicros)
    {
        if (deployment.Status != DeliveryStatus.InProcess)
        {
            return;
        }

        switch (status.Status)
        {
            case DeliveryReport.Delivered or DeliveryReport.Read:
                deployment.Status = DeliveryStatus.Delivered;
                deployment.OutcomeSeq = status.Seq;
                deployment.OutcomeAtMicros = atMicros;
                Close(atMicros, SessionEndReason.Replaced);
                Start(sessions, SessionType.Outbound, deployment.CreatedSeq, atMicros, parent: null);
                break;
            case DeliveryReport.Failed:
                deployment.Status = DeliveryStatus.Failed;
                deployment.OutcomeSeq = status.Seq;
                deployment.OutcomeAtMicros = atMicros;
                break;
        }
    }

    private void Start(List<SessionRecord> sessions, SessionType type, long idSeq, long atMicros, long? parent)
    {
        _open = new SessionRecord
        {
            IdSeq = idSeq,
            ParentIdSeq = parent,
            StartedAtMicros = atMicros,
            Type = type,
            LastActivityMicros = atMicros,
        };
        sessions.Add(_open);
    }

    /// <summary>Records activity on the open session; false when none is open.</summary>
    private bool Touch(long atMicros)
    {
        if (_open is null)
        {
            return false;
        }

        _open.LastActivityMicros = Math.Max(_open.LastActivityMicros, atMicros);
        return true;
    }

    private void Close(long atMicros, SessionEndReason reason)
    {
        if (_open is null)
        {
            return;
        }

        _open.FinishedAtMicros = atMicros;
        _open.EndReason = reason;
        _open = null;
    }

    /// <summary>Ends the open session at its last activity plus the timeout, once <paramref name="nowMicros"/> reaches that.</summary>
    private void CloseIfTimedOut(long nowMicros)
    {
        if (_open is not null && _timeout is { } timeout && nowMicros >= _open.LastActivityMicros + timeout)
        {
            Close(_open.LastActivityMicros + timeout, SessionEndReason.Inactivity);
        }
    }

    /// <summary>
    /// The latest quiet instant that no deployment straddles: created before it and resolved after it, or not resolved
    /// yet (its delivery may still come and start a session that will need its deployment.created).
    /// </summary>
    private long? LatestSafeQuietInstant(List<DeploymentRecord> deployments)
    {
        for (var i = _quietInstants.Count - 1; i >= 0; i--)
        {
            var instant = _quietInstants[i];
            var straddled = false;
            foreach (var d in deployments)
            {
                if (d.CreatedAtMicros < instant && (d.Status == DeliveryStatus.InProcess || d.OutcomeAtMicros >= instant))
                {
                    straddled = true;
                    break;
                }
            }

            if (!straddled)
            {
                return instant;
            }
        }

        return null;
    }
}
