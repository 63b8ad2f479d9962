using AnalyticsCenter.Core.Sessions;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// The sessionizer's rows for one pass, held until the events' reader is done (a connection cannot append
/// while it streams a result), then appended to the refresh's work tables.
/// </summary>
internal sealed class SessionizerOutput
{
    private readonly List<(long Timeline, SessionRecord Session)> _sessions = [];
    private readonly List<(long Timeline, DeploymentRecord Deployment)> _deployments = [];
    private readonly List<(long Timeline, long PurgeBefore)> _purgeCuts = [];

    /// <summary>Whether any timeline has events retention drops.</summary>
    public bool Purges => _purgeCuts.Count > 0;

    /// <summary>Events read, in all workspaces.</summary>
    public long Events { get; private set; }

    /// <summary>Adds the rows of a timeline, computed from <paramref name="events"/> events.</summary>
    public void Add(long timeline, TimelineSessionizer sessionizer, int events)
    {
        Events += events;
        foreach (var session in sessionizer.Sessions)
        {
            _sessions.Add((timeline, session));
        }

        foreach (var deployment in sessionizer.Deployments)
        {
            _deployments.Add((timeline, deployment));
        }

        if (sessionizer.PurgeBeforeMicros is { } purgeBefore)
        {
            _purgeCuts.Add((timeline, purgeBefore));
        }
    }

    public void AppendTo(DuckDBConnection connection)
    {
        using (var appender = connection.CreateAppender("temp", "main", "session_refs"))
        {
            foreach (var (timeline, s) in _sessions)
            {
                appender.CreateRow()
                    .AppendValue(timeline)
                    .AppendValue(s.IdSeq)
                    .AppendValue(s.ParentIdSeq)
                    .AppendValue(s.StartedAtMicros)
                    .AppendValue(s.FinishedAtMicros)
                    .AppendValue(s.LastActivityMicros)
                    .AppendValue(ColumnValues.Of(s.Type))
                    .AppendValue(ColumnValues.Of(s.Status))
                    .AppendValue(s.FirstMessageSeq)
                    .AppendValue(s.LastMessageSeq)
                    .AppendValue(s.LastNodeSeq)
                    .AppendValue(s.EndReason is { } reason ? ColumnValues.Of(reason) : null)
                    .EndRow();
            }
        }

        using (var appender = connection.CreateAppender("temp", "main", "deployment_refs"))
        {
            foreach (var (timeline, d) in _deployments)
            {
                appender.CreateRow()
                    .AppendValue(timeline)
                    .AppendValue(d.CreatedSeq)
                    .AppendValue(ColumnValues.Of(d.Status))
                    .AppendValue(d.OutcomeSeq)
                    .AppendValue(d.OutcomeAtMicros)
                    .EndRow();
            }
        }

        using (var appender = connection.CreateAppender("temp", "main", "purge_cuts"))
        {
            foreach (var (timeline, purgeBefore) in _purgeCuts)
            {
                appender.CreateRow().AppendValue(timeline).AppendValue(purgeBefore).EndRow();
            }
        }
    }
}
