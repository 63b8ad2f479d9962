using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.WhatsApp;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>Configured WhatsApp lines, and webhook statuses waiting in the store for the deployment that names their message.</summary>
public abstract class WhatsAppStoreTests(IStoreFactory stores) : StoreTests(stores)
{
    private const string MessageId = "wamid.HBgMNTczMDAxMjM0NTY3FQIAERgSRkFJTEVEMTMxMDI2REVQNzgA";
    private readonly EventLines _acme = new("acme", line: "15550783881", phone: "573001234567");

    private static WhatsAppStatus Status(string status, string at, string messageId = MessageId, string? code = null, string? title = null) => new()
    {
        Workspace = WorkspaceId.Parse("acme"),
        EventId = messageId + ":" + status,
        MessageId = messageId,
        Status = status,
        OccurredAt = EventLines.Utc(at),
        ErrorCode = code,
        ErrorTitle = title,
    };

    /// <summary>The webhook statuses the store still keeps, waiting for their deployment, counted where each store keeps them.</summary>
    protected abstract Task<long> StatusesKeptAsync(StoreUnderTest store);

    [Fact]
    public async Task A_line_is_saved_listed_with_its_link_codes_and_replaced_by_phone_number_id()
    {
        await Db.Store.SaveLineAsync(WhatsAppPayloads.AcmeLine, Ct);
        await Db.Store.SaveLineAsync(WhatsAppPayloads.GlobexLine, Ct);
        Assert.True(await Db.Store.SaveLinkCodeAsync(
            WhatsAppPayloads.AcmeLine.PhoneNumberId, new WhatsAppLinkCode("[BF26-IG]", "bf-2026", "instagram"), Ct));
        Assert.False(await Db.Store.SaveLinkCodeAsync("000", new WhatsAppLinkCode("[X]", "x", null), Ct));
        await Db.Store.SaveLineAsync(WhatsAppPayloads.AcmeLine with { DisplayName = "Acme Ayuda", DefaultConversation = null, LinkCodes = [] }, Ct);

        await Db.ReopenAsync();
        var lines = await Db.Store.ListLinesAsync(cancellationToken: Ct);
        Assert.Equal(["acme", "globex"], lines.Select(l => l.Workspace.Value));
        var acme = lines[0];
        Assert.Equal(("106540352242922", "15550783881", "Acme Ayuda", null), (acme.PhoneNumberId, acme.Number, acme.DisplayName, acme.DefaultConversation));
        Assert.Equal([new WhatsAppLinkCode("[BF26-IG]", "bf-2026", "instagram")], acme.LinkCodes);
        Assert.Empty(lines[1].LinkCodes);
        Assert.Equal(["globex"], (await Db.Store.ListLinesAsync(WorkspaceId.Parse("globex"), Ct)).Select(l => l.Workspace.Value));
    }

    [Fact]
    public async Task Lines_are_read_once_and_read_again_after_a_line_or_link_code_is_saved()
    {
        await Db.Store.SaveLineAsync(WhatsAppPayloads.AcmeLine with { LinkCodes = [] }, Ct);
        Assert.Empty((await Db.Store.ListLinesAsync(cancellationToken: Ct)).Single().LinkCodes);

        Assert.True(await Db.Store.SaveLinkCodeAsync(
            WhatsAppPayloads.AcmeLine.PhoneNumberId, new WhatsAppLinkCode("[BF26-IG]", "bf-2026", "instagram"), Ct));
        Assert.Single((await Db.Store.ListLinesAsync(cancellationToken: Ct)).Single().LinkCodes);

        await Db.Store.SaveLineAsync(WhatsAppPayloads.GlobexLine, Ct);
        Assert.Equal(["acme", "globex"], (await Db.Store.ListLinesAsync(cancellationToken: Ct)).Select(l => l.Workspace.Value));
    }

    [Fact]
    public async Task A_status_waits_for_the_deployment_naming_its_message_and_applies_at_the_refresh_after_it_arrives()
    {
        await Db.Store.KeepWebhookDeliveryAsync([Status("failed", "13:00:02", code: "131026", title: "Message undeliverable")], [], "webhook", Ct);
        await Db.RefreshAsync("13:30:00");
        Assert.Empty(await Db.RowsAsync("SELECT * FROM deployments"));

        await Db.IngestAsync(_acme.DeploymentCreated("13:00:00", "dep-78", messageId: MessageId));
        await Db.RefreshAsync("13:40:00");

        var row = Assert.Single(await Db.RowsAsync("SELECT deployment_id, delivery_status, status_detail FROM deployments"));
        Assert.Equal(("dep-78", "Failed", "131026: Message undeliverable"), (row["deployment_id"], row["delivery_status"], row["status_detail"]));
    }

    [Fact]
    public async Task A_retried_status_is_applied_once_and_a_status_for_a_known_deployment_applies_at_the_next_refresh()
    {
        await Db.IngestAsync(_acme.DeploymentCreated("13:00:00", "dep-77", messageId: MessageId));
        await Db.Store.KeepWebhookDeliveryAsync([Status("delivered", "13:00:04")], [], "webhook", Ct);
        await Db.Store.KeepWebhookDeliveryAsync([Status("delivered", "13:00:04")], [], "webhook", Ct);
        await Db.RefreshAsync("13:30:00");
        await Db.Store.KeepWebhookDeliveryAsync([Status("delivered", "13:00:04")], [], "webhook", Ct);
        await Db.RefreshAsync("13:40:00");

        var row = Assert.Single(await Db.RowsAsync("SELECT delivery_status, deployment_delivered_timestamp FROM deployments"));
        Assert.Equal(("Delivered", EventLines.Utc("13:00:04")), (row["delivery_status"], row["deployment_delivered_timestamp"]));
        Assert.Single(await Db.RowsAsync("SELECT * FROM sessions WHERE session_type = 'OUTBOUND'"));
    }

    [Fact]
    public async Task A_status_no_deployment_names_within_the_retention_period_goes()
    {
        await Db.Store.KeepWebhookDeliveryAsync([Status("read", "13:00:04", messageId: "wamid.BOT-REPLY")], [], "webhook", Ct);
        await Db.RefreshAsync(EventLines.Utc("13:00:00").AddDays(29));
        Assert.Equal(1L, await StatusesKeptAsync(Db));

        await Db.RefreshAsync(EventLines.Utc("13:00:05").AddDays(30));
        Assert.Equal(0L, await StatusesKeptAsync(Db));
    }

    [Fact]
    public async Task A_webhook_rejection_is_kept_with_its_workspace_source_reason_and_raw_text()
    {
        await Db.Store.KeepWebhookDeliveryAsync(
            [], [new WebhookRejection(WorkspaceId.Parse("acme"), Rejection.Of("messages[].id is missing"), """{"from":"1"}""")], "whatsapp webhook req-1", Ct);

        var kept = await Db.Store.ReadRejectionsAsync(WorkspaceId.Parse("acme"), TestStore.ReadAll, TestContext.Current.CancellationToken);
        var row = Assert.Single(kept);
        Assert.Equal(("whatsapp webhook req-1", "messages[].id is missing", """{"from":"1"}"""), (row["source"], row["reason"], row["raw"]));
    }
}
