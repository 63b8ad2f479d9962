using System.Data.Common;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Core.Subscriptions;

/// <summary>
/// Subscriptions and deliveries read back from either store's rows, whose SQL selects the same columns in the same order
/// (Subscriptions/List.sql, and the delivery columns of Claim.sql, Abandoned.sql and History.sql).
/// </summary>
public static class SubscriptionRows
{
    /// <summary>subscription_id, workspace_id, name, source_kind, source_ref, parameters, schedule, channel, target, secret, created_at, created_by.</summary>
    public static Subscription Subscription(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new Subscription(
            reader.GetString(0),
            new NewSubscription(WorkspaceId.Parse(reader.GetString(1)), reader.GetString(2), (SourceKind)reader.GetInt16(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), (ChannelKind)reader.GetInt16(7), reader.GetString(8),
                Actor.FromStored(reader.IsDBNull(11) ? null : reader.GetString(11))),
            reader.GetString(9), reader.Utc(10));
    }

    /// <summary>subscription_id, slot, status, attempts, reason, claimed_by, updated_at.</summary>
    public static Delivery Delivery(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new Delivery(reader.GetString(0), reader.Utc(1), (SendStatus)reader.GetInt16(2), reader.GetInt32(3),
            reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.Utc(6));
    }


    /// <summary>
    /// The subscription as kept: names and references trimmed, and a fresh signing secret for a webhook (a key a receiver
    /// verifies bodies with, random per subscription).
    /// </summary>
    public static Subscription Create(NewSubscription request, DateTime createdAtUtc)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        return new Subscription(
            RandomIds.NewId(),
            request with
            {
                Name = request.Name.Trim(),
                SourceRef = request.SourceRef.Trim(),
                Schedule = request.Schedule.Trim(),
                Target = request.Target.Trim(),
            },
            request.Channel == ChannelKind.Webhook ? RandomIds.NewSigningSecret() : "",
            createdAtUtc);
    }
}
