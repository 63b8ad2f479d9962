using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// Subscriptions in <c>analytics.subscriptions</c>, their deliveries in <c>analytics.deliveries</c>: the delivery's key
/// (subscription, slot) is the claim, taken by one insert however many servers try.
/// </summary>
internal sealed class Subscriptions(NpgsqlDataSource source, TimeProvider time) : ISubscriptions
{
    public async Task<Subscription> AddSubscriptionAsync(NewSubscription subscription, CancellationToken cancellationToken = default)
    {
        var added = SubscriptionRows.Create(subscription, StoredTime.Now(time));
        var kept = added.Request;
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("Subscriptions/Add.sql", cancellationToken,
            ("id", added.Id), ("ws", kept.Workspace.Value), ("name", kept.Name), ("source_kind", (short)kept.Source), ("source_ref", kept.SourceRef),
            ("parameters", kept.Parameters), ("schedule", kept.Schedule), ("channel", (short)kept.Channel), ("target", kept.Target),
            ("secret", added.Secret), ("now", added.CreatedAtUtc), ("by", kept.CreatedBy?.ToStored()));
        return added;
    }

    public async Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command("Subscriptions/List.sql", ("ws", workspace?.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<Subscription>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(SubscriptionRows.Subscription(reader));
        }

        return found;
    }

    public async Task<bool> RemoveSubscriptionAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync("Subscriptions/Remove.sql", cancellationToken, ("id", id), ("ws", workspace.Value)) == 1;
    }

    public async Task<Delivery?> TryClaimDeliveryAsync(
        Subscription subscription, DateTime slotUtc, string claimant, DateTime leaseUntilUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        var claimed = await ReadAsync(connection.Command("Subscriptions/Claim.sql",
            ("id", subscription.Id), ("slot", StoredTime.Micros(slotUtc)), ("ws", subscription.Request.Workspace.Value), ("claimant", claimant),
            ("lease_until", StoredTime.Micros(leaseUntilUtc)), ("now", StoredTime.Now(time))), cancellationToken);
        return claimed.Count == 1 ? claimed[0] : null;
    }

    public async Task FinishDeliveryAsync(
        string subscriptionId, DateTime slotUtc, SendStatus status, string? reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("Subscriptions/Finish.sql", cancellationToken,
            ("id", subscriptionId), ("slot", StoredTime.Micros(slotUtc)), ("status", (short)status), ("reason", reason),
            ("now", StoredTime.Now(time)));
    }

    public async Task<IReadOnlyList<Delivery>> ListAbandonedDeliveriesAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection.Command("Subscriptions/Abandoned.sql", ("now", StoredTime.Micros(nowUtc))), cancellationToken);
    }

    public async Task<IReadOnlyList<Delivery>> ListDeliveriesAsync(
        WorkspaceId workspace, string? subscriptionId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection.Command("Subscriptions/History.sql", ("ws", workspace.Value), ("id", subscriptionId), ("limit", limit)),
            cancellationToken);
    }

    private static async Task<List<Delivery>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var deliveries = new List<Delivery>();
            while (await reader.ReadAsync(cancellationToken))
            {
                deliveries.Add(SubscriptionRows.Delivery(reader));
            }

            return deliveries;
        }
    }
}
