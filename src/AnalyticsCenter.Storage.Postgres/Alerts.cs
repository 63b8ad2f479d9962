using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// Alerts in <c>analytics.alerts</c>, their transitions in <c>analytics.alert_history</c>: a check's compare-and-set
/// update and its transition commit together, so the one server whose update changed the row is the one that notifies.
/// </summary>
internal sealed class Alerts(NpgsqlDataSource source, TimeProvider time) : IAlerts
{
    public async Task<Alert> AddAlertAsync(NewAlert alert, CancellationToken cancellationToken = default)
    {
        var added = AlertRows.Create(alert, StoredTime.Now(time));
        var kept = added.Request;
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("Alerts/Add.sql", cancellationToken,
            ("id", added.Id), ("ws", kept.Workspace.Value), ("name", kept.Name), ("source_kind", (short)kept.Source), ("source_ref", kept.SourceRef),
            ("parameters", kept.Parameters), ("operator", (short)kept.Operator), ("threshold", kept.Threshold), ("channel", (short)kept.Channel),
            ("target", kept.Target), ("secret", added.Secret), ("now", added.CreatedAtUtc), ("metric", kept.Metric));
        return added;
    }

    public async Task<IReadOnlyList<Alert>> ListAlertsAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command("Alerts/List.sql", ("ws", workspace?.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<Alert>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(AlertRows.Alert(reader));
        }

        return found;
    }

    public async Task<bool> RemoveAlertAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync("Alerts/Remove.sql", cancellationToken, ("id", id), ("ws", workspace.Value)) == 1;
    }

    public async Task<bool> TryRecordCheckAsync(
        Alert alert, DateTime asOfUtc, AlertState state, double? value, string claimant, DateTime leaseUntilUtc,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var asOf = StoredTime.Micros(asOfUtc);
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var won = await connection.ExecuteAsync("Alerts/Check.sql", cancellationToken,
            ("id", alert.Id), ("state", (short)state), ("value", value), ("as_of", asOf), ("old_state", (short)alert.State),
            ("old_as_of", alert.LastCheckedAsOfUtc)) == 1;
        if (won && state != alert.State)
        {
            await connection.ExecuteAsync("Alerts/Transition.sql", cancellationToken,
                ("id", alert.Id), ("as_of", asOf), ("ws", alert.Request.Workspace.Value), ("state", (short)state), ("value", value),
                ("now", StoredTime.Now(time)), ("claimant", claimant), ("lease_until", StoredTime.Micros(leaseUntilUtc)));
        }

        await transaction.CommitAsync(cancellationToken);
        return won;
    }

    public async Task<AlertTransition?> TryClaimTransitionAsync(
        string alertId, DateTime asOfUtc, string claimant, DateTime leaseUntilUtc, CancellationToken cancellationToken = default)
    {
        var claimed = await ReadTransitionsAsync("Alerts/Claim.sql", cancellationToken,
            ("id", alertId), ("as_of", StoredTime.Micros(asOfUtc)), ("claimant", claimant), ("lease_until", StoredTime.Micros(leaseUntilUtc)),
            ("now", StoredTime.Now(time)));
        return claimed.Count == 1 ? claimed[0] : null;
    }

    public Task<IReadOnlyList<AlertTransition>> ListAbandonedTransitionsAsync(DateTime nowUtc, CancellationToken cancellationToken = default) =>
        ReadTransitionsAsync("Alerts/Abandoned.sql", cancellationToken, ("now", StoredTime.Micros(nowUtc)));

    public async Task FinishTransitionAsync(string alertId, DateTime asOfUtc, SendStatus status, string? reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("Alerts/Finish.sql", cancellationToken,
            ("id", alertId), ("as_of", StoredTime.Micros(asOfUtc)), ("status", (short)status), ("reason", reason),
            ("now", StoredTime.Now(time)));
    }

    public async Task<IReadOnlyList<AlertTransition>> ListAlertHistoryAsync(
        WorkspaceId workspace, string? alertId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await ReadTransitionsAsync("Alerts/History.sql", cancellationToken, ("ws", workspace.Value), ("id", alertId), ("limit", limit));
    }

    private async Task<IReadOnlyList<AlertTransition>> ReadTransitionsAsync(
        string script, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command(script, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<AlertTransition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(AlertRows.Transition(reader));
        }

        return found;
    }
}
