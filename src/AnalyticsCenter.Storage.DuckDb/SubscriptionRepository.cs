using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>Subscriptions in <c>ac.subscriptions</c> and their deliveries in <c>ac.deliveries</c>, on the connection the store hands it.</summary>
internal sealed class SubscriptionRepository(DuckDBConnection connection, TimeProvider time)
{
    public Subscription Add(NewSubscription request)
    {
        var added = SubscriptionRows.Create(request, StoredTime.Now(time));
        var kept = added.Request;
        connection.Execute(SqlScripts.Get("Subscriptions/Add.sql"),
            ("id", added.Id), ("ws", kept.Workspace.Value), ("name", kept.Name), ("source_kind", (short)kept.Source), ("source_ref", kept.SourceRef),
            ("parameters", kept.Parameters), ("schedule", kept.Schedule), ("channel", (short)kept.Channel), ("target", kept.Target),
            ("secret", added.Secret), ("now", added.CreatedAtUtc), ("by", kept.CreatedBy?.ToStored()));
        return added;
    }

    /// <summary>Every subscription, or <paramref name="workspace"/>'s; <paramref name="withCreator"/> false for a file from before they kept it.</summary>
    public IReadOnlyList<Subscription> List(WorkspaceId? workspace, bool withCreator = true)
    {
        using var command = connection.Prepare(
            SqlScripts.Get(withCreator ? "Subscriptions/List.sql" : "Subscriptions/ListWithoutCreator.sql"), ("ws", workspace?.Value));
        using var reader = command.ExecuteReader();
        var found = new List<Subscription>();
        while (reader.Read())
        {
            found.Add(SubscriptionRows.Subscription(reader));
        }

        return found;
    }

    public bool Remove(WorkspaceId workspace, string id) =>
        connection.Execute(SqlScripts.Get("Subscriptions/Remove.sql"), ("id", id), ("ws", workspace.Value)) > 0;

    public Delivery? TryClaim(Subscription subscription, DateTime slotUtc, string claimant, DateTime leaseUntilUtc)
    {
        var claimed = Read(SqlScripts.Get("Subscriptions/Claim.sql"),
            ("id", subscription.Id), ("slot", StoredTime.Micros(slotUtc)), ("ws", subscription.Request.Workspace.Value), ("claimant", claimant),
            ("lease_until", StoredTime.Micros(leaseUntilUtc)), ("now", StoredTime.Now(time)));
        return claimed.Count == 1 ? claimed[0] : null;
    }

    public void Finish(string subscriptionId, DateTime slotUtc, SendStatus status, string? reason) =>
        connection.Execute(SqlScripts.Get("Subscriptions/Finish.sql"),
            ("id", subscriptionId), ("slot", StoredTime.Micros(slotUtc)), ("status", (short)status), ("reason", reason),
            ("now", StoredTime.Now(time)));

    public IReadOnlyList<Delivery> Abandoned(DateTime nowUtc) => Read(SqlScripts.Get("Subscriptions/Abandoned.sql"), ("now", StoredTime.Micros(nowUtc)));

    public IReadOnlyList<Delivery> History(WorkspaceId workspace, string? subscriptionId, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Read(SqlScripts.Get("Subscriptions/History.sql"), ("ws", workspace.Value), ("id", subscriptionId), ("limit", limit));
    }

    private List<Delivery> Read(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Prepare(sql, parameters);
        using var reader = command.ExecuteReader();
        var deliveries = new List<Delivery>();
        while (reader.Read())
        {
            deliveries.Add(SubscriptionRows.Delivery(reader));
        }

        return deliveries;
    }
}
