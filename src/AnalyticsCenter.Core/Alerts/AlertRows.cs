using System.Data.Common;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;

namespace AnalyticsCenter.Core.Alerts;

/// <summary>
/// Alerts and their transitions read back from either store's rows, whose SQL selects the same columns in the same order
/// (Alerts/List.sql and Alerts/History.sql).
/// </summary>
public static class AlertRows
{
    /// <summary>
    /// alert_id, workspace_id, name, source_kind, source_ref, parameters, operator, threshold, channel, target, secret, created_at,
    /// state, last_value, last_checked_as_of, metric.
    /// </summary>
    public static Alert Alert(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new Alert(
            reader.GetString(0),
            new NewAlert(WorkspaceId.Parse(reader.GetString(1)), reader.GetString(2), (SourceKind)reader.GetInt16(3), reader.GetString(4),
                reader.GetString(5), (AlertOperator)reader.GetInt16(6), reader.GetDouble(7), (ChannelKind)reader.GetInt16(8), reader.GetString(9),
                reader.GetString(15)),
            reader.GetString(10), reader.Utc(11), (AlertState)reader.GetInt16(12), reader.IsDBNull(13) ? null : reader.GetDouble(13),
            reader.IsDBNull(14) ? null : reader.Utc(14));
    }

    /// <summary>alert_id, as_of, state, value, status, reason, updated_at, attempts.</summary>
    public static AlertTransition Transition(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new AlertTransition(reader.GetString(0), reader.Utc(1), (AlertState)reader.GetInt16(2), reader.IsDBNull(3) ? null : reader.GetDouble(3),
            (SendStatus)reader.GetInt16(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.Utc(6), reader.GetInt32(7));
    }

    /// <summary>
    /// The alert as kept: name, references and metric trimmed, never checked, and a fresh signing secret for a webhook.
    /// </summary>
    public static Alert Create(NewAlert request, DateTime createdAtUtc)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        return new Alert(
            RandomIds.NewId(),
            request with
            {
                Name = request.Name.Trim(),
                SourceRef = request.SourceRef.Trim(),
                Target = request.Target.Trim(),
                Metric = request.Metric.Trim(),
            },
            request.Channel == ChannelKind.Webhook ? RandomIds.NewSigningSecret() : "",
            createdAtUtc, AlertState.Ok, null, null);
    }

}
