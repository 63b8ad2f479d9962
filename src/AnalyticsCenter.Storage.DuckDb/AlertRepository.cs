using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>Alerts in <c>ac.alerts</c> and their transitions in <c>ac.alert_history</c>, on the connection the store hands it.</summary>
internal sealed class AlertRepository(DuckDBConnection connection, TimeProvider time)
{
    public Alert Add(NewAlert request)
    {
        var added = AlertRows.Create(request, StoredTime.Now(time));
        var kept = added.Request;
        connection.Execute(SqlScripts.Get("Alerts/Add.sql"),
            ("id", added.Id), ("ws", kept.Workspace.Value), ("name", kept.Name), ("source_kind", (short)kept.Source), ("source_ref", kept.SourceRef),
            ("parameters", kept.Parameters), ("operator", (short)kept.Operator), ("threshold", kept.Threshold), ("channel", (short)kept.Channel),
            ("target", kept.Target), ("secret", added.Secret), ("now", added.CreatedAtUtc), ("metric", kept.Metric));
        return added;
    }

    public IReadOnlyList<Alert> List(WorkspaceId? workspace)
    {
        using var command = connection.Prepare(SqlScripts.Get("Alerts/List.sql"), ("ws", workspace?.Value));
        using var reader = command.ExecuteReader();
        var found = new List<Alert>();
        while (reader.Read())
        {
            found.Add(AlertRows.Alert(reader));
        }

        return found;
    }

    public bool Remove(WorkspaceId workspace, string id) =>
        connection.Execute(SqlScripts.Get("Alerts/Remove.sql"), ("id", id), ("ws", workspace.Value)) > 0;

    /// <summary>The compare-and-set and, on a change of state, its transition claimed by <paramref name="claimant"/>, in one transaction.</summary>
    public bool TryRecordCheck(Alert alert, DateTime asOfUtc, AlertState state, double? value, string claimant, DateTime leaseUntilUtc)
    {
        var asOf = StoredTime.Micros(asOfUtc);
        using var transaction = connection.BeginTransaction();
        var won = connection.Execute(SqlScripts.Get("Alerts/Check.sql"),
            ("id", alert.Id), ("state", (short)state), ("value", value), ("as_of", asOf), ("old_state", (short)alert.State),
            ("old_as_of", alert.LastCheckedAsOfUtc)) == 1;
        if (won && state != alert.State)
        {
            connection.Execute(SqlScripts.Get("Alerts/Transition.sql"),
                ("id", alert.Id), ("as_of", asOf), ("ws", alert.Request.Workspace.Value), ("state", (short)state), ("value", value),
                ("now", StoredTime.Now(time)), ("claimant", claimant), ("lease_until", StoredTime.Micros(leaseUntilUtc)));
        }

        transaction.Commit();
        return won;
    }

    public AlertTransition? TryClaim(string alertId, DateTime asOfUtc, string claimant, DateTime leaseUntilUtc)
    {
        var claimed = ReadTransitions(SqlScripts.Get("Alerts/Claim.sql"),
            ("id", alertId), ("as_of", StoredTime.Micros(asOfUtc)), ("claimant", claimant), ("lease_until", StoredTime.Micros(leaseUntilUtc)),
            ("now", StoredTime.Now(time)));
        return claimed.Count == 1 ? claimed[0] : null;
    }

    public IReadOnlyList<AlertTransition> Abandoned(DateTime nowUtc) =>
        ReadTransitions(SqlScripts.Get("Alerts/Abandoned.sql"), ("now", StoredTime.Micros(nowUtc)));

    public void Finish(string alertId, DateTime asOfUtc, SendStatus status, string? reason) =>
        connection.Execute(SqlScripts.Get("Alerts/Finish.sql"),
            ("id", alertId), ("as_of", StoredTime.Micros(asOfUtc)), ("status", (short)status), ("reason", reason), ("now", StoredTime.Now(time)));

    public IReadOnlyList<AlertTransition> History(WorkspaceId workspace, string? alertId, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ReadTransitions(SqlScripts.Get("Alerts/History.sql"), ("ws", workspace.Value), ("id", alertId), ("limit", limit));
    }

    private List<AlertTransition> ReadTransitions(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Prepare(sql, parameters);
        using var reader = command.ExecuteReader();
        var found = new List<AlertTransition>();
        while (reader.Read())
        {
            found.Add(AlertRows.Transition(reader));
        }

        return found;
    }
}
