using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>
/// Subscriptions and their deliveries in a real store: kept per workspace, and each schedule slot claimed once, again only
/// after its claimant's lease ran out while still sending, never once finished.
/// </summary>
public abstract class SubscriptionStoreTests(IStoreFactory stores) : StoreTests(stores)
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceId s_globex = WorkspaceId.Parse("globex");
    private static readonly DateTime s_slot = new(2026, 11, 20, 7, 0, 0, DateTimeKind.Utc);

    private static NewSubscription Webhook(WorkspaceId workspace) =>
        new(workspace, " rates ", SourceKind.Report, "delivery-rate", "{}", "daily 08:00", ChannelKind.Webhook, "http://127.0.0.1:9/hook",
            Actor.Embedded("yourplatform", "u-7", "Ana", "ana@example.com"));

    [Fact]
    public async Task A_subscription_is_kept_trimmed_with_a_webhook_secret_and_listed_for_its_workspace_after_reopening()
    {
        var added = await Db.Store.AddSubscriptionAsync(Webhook(s_acme), Ct);
        var addedAt = Db.Time.Now.UtcDateTime;
        Db.Time.Now = Db.Time.Now.AddMinutes(1);
        var email = await Db.Store.AddSubscriptionAsync(
            new NewSubscription(s_globex, "q", SourceKind.SavedQuery, "0123456789abcdef", "{}", "0 8 * * 1", ChannelKind.Email, "a@example.com"), Ct);
        await Db.ReopenAsync();

        Assert.Equal("rates", added.Request.Name);
        Assert.Equal(64, added.Secret.Length);
        Assert.Equal("", email.Secret);
        Assert.Equal(addedAt, added.CreatedAtUtc);
        Assert.Equal(Actor.Embedded("yourplatform", "u-7", "Ana", "ana@example.com"), added.Request.CreatedBy);
        Assert.Null(email.Request.CreatedBy);
        Assert.Equal([added], await Db.Store.ListSubscriptionsAsync(s_acme, Ct));
        Assert.Equal([added, email], await Db.Store.ListSubscriptionsAsync(null, Ct));
    }

    [Fact]
    public async Task A_blank_schedule_is_refused_in_words()
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Db.Store.AddSubscriptionAsync(Webhook(s_acme) with { Schedule = " " }, Ct));

        Assert.Contains("needs a schedule", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await Db.Store.ListSubscriptionsAsync(null, Ct));
    }

    [Fact]
    public async Task A_slot_is_claimed_once_and_a_finished_one_never_again()
    {
        var subscription = await Db.Store.AddSubscriptionAsync(Webhook(s_acme), Ct);
        var lease = Db.Time.Now.UtcDateTime.AddMinutes(5);

        var first = await Db.Store.TryClaimDeliveryAsync(subscription, s_slot, "a/1", lease, Ct);
        var second = await Db.Store.TryClaimDeliveryAsync(subscription, s_slot, "b/2", lease, Ct);
        await Db.Store.FinishDeliveryAsync(subscription.Id, s_slot, SendStatus.Delivered, null, Ct);
        Db.Time.Now = Db.Time.Now.AddHours(1);
        var afterLease = await Db.Store.TryClaimDeliveryAsync(subscription, s_slot, "b/2", Db.Time.Now.UtcDateTime.AddMinutes(5), Ct);

        Assert.NotNull(first);
        Assert.Equal((SendStatus.Sending, 1, "a/1"), (first.Status, first.Attempts, first.ClaimedBy));
        Assert.Null(second);
        Assert.Null(afterLease);
        var kept = Assert.Single(await Db.Store.ListDeliveriesAsync(s_acme, null, 10, Ct));
        Assert.Equal((SendStatus.Delivered, s_slot, 1), (kept.Status, kept.SlotUtc, kept.Attempts));
    }

    [Fact]
    public async Task A_delivery_whose_claimant_died_is_listed_as_abandoned_and_claimed_again_after_its_lease()
    {
        var subscription = await Db.Store.AddSubscriptionAsync(Webhook(s_acme), Ct);
        await Db.Store.TryClaimDeliveryAsync(subscription, s_slot, "a/1", Db.Time.Now.UtcDateTime.AddMinutes(5), Ct);

        Assert.Empty(await Db.Store.ListAbandonedDeliveriesAsync(Db.Time.Now.UtcDateTime, Ct));
        Db.Time.Now = Db.Time.Now.AddMinutes(6);
        var abandoned = Assert.Single(await Db.Store.ListAbandonedDeliveriesAsync(Db.Time.Now.UtcDateTime, Ct));
        var again = await Db.Store.TryClaimDeliveryAsync(subscription, abandoned.SlotUtc, "b/2", Db.Time.Now.UtcDateTime.AddMinutes(5), Ct);

        Assert.NotNull(again);
        Assert.Equal((2, "b/2"), (again.Attempts, again.ClaimedBy));
        Assert.Empty(await Db.Store.ListAbandonedDeliveriesAsync(Db.Time.Now.UtcDateTime, Ct));
    }

    [Fact]
    public async Task History_is_per_workspace_newest_first_and_goes_with_its_subscription()
    {
        var mine = await Db.Store.AddSubscriptionAsync(Webhook(s_acme), Ct);
        var theirs = await Db.Store.AddSubscriptionAsync(Webhook(s_globex), Ct);
        var lease = Db.Time.Now.UtcDateTime.AddMinutes(5);
        await Db.Store.TryClaimDeliveryAsync(mine, s_slot, "a/1", lease, Ct);
        await Db.Store.TryClaimDeliveryAsync(mine, s_slot.AddDays(1), "a/1", lease, Ct);
        await Db.Store.FinishDeliveryAsync(mine.Id, s_slot.AddDays(1), SendStatus.Failed, "HTTP 500 after 4 attempts", Ct);
        await Db.Store.TryClaimDeliveryAsync(theirs, s_slot, "a/1", lease, Ct);

        var history = await Db.Store.ListDeliveriesAsync(s_acme, mine.Id, 10, Ct);
        Assert.Equal([s_slot.AddDays(1), s_slot], history.Select(d => d.SlotUtc));
        Assert.Equal("HTTP 500 after 4 attempts", history[0].Reason);
        Assert.Single(await Db.Store.ListDeliveriesAsync(s_acme, null, 1, Ct));

        Assert.False(await Db.Store.RemoveSubscriptionAsync(s_globex, mine.Id, Ct));
        Assert.True(await Db.Store.RemoveSubscriptionAsync(s_acme, mine.Id, Ct));
        Assert.Empty(await Db.Store.ListDeliveriesAsync(s_acme, null, 10, Ct));
        Assert.Single(await Db.Store.ListDeliveriesAsync(s_globex, null, 10, Ct));
        Assert.Equal([theirs], await Db.Store.ListSubscriptionsAsync(null, Ct));
    }
}
