using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.WhatsApp;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>Configured WhatsApp lines, and webhook statuses waiting in the store for the deployment that names their message.</summary>
public sealed class WhatsAppStoreTests : IDisposable
{
    private const string MessageId = "wamid.HBgMNTczMDAxMjM0NTY3FQIAERgSRkFJTEVEMTMxMDI2REVQNzgA";
    private readonly TestStore _store = new();
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

    [Fact]
    public void A_line_is_saved_listed_with_its_link_codes_and_replaced_by_phone_number_id()
    {
        _store.Store.SaveLine(WhatsAppPayloads.AcmeLine);
        _store.Store.SaveLine(WhatsAppPayloads.GlobexLine);
        Assert.True(_store.Store.SaveLinkCode(WhatsAppPayloads.AcmeLine.PhoneNumberId, new WhatsAppLinkCode("[BF26-IG]", "bf-2026", "instagram")));
        Assert.False(_store.Store.SaveLinkCode("000", new WhatsAppLinkCode("[X]", "x", null)));
        _store.Store.SaveLine(WhatsAppPayloads.AcmeLine with { DisplayName = "Acme Ayuda", DefaultConversation = null, LinkCodes = [] });

        _store.Reopen();
        var lines = _store.Store.ListLines();
        Assert.Equal(["acme", "globex"], lines.Select(l => l.Workspace.Value));
        var acme = lines[0];
        Assert.Equal(("106540352242922", "15550783881", "Acme Ayuda", null), (acme.PhoneNumberId, acme.Number, acme.DisplayName, acme.DefaultConversation));
        Assert.Equal([new WhatsAppLinkCode("[BF26-IG]", "bf-2026", "instagram")], acme.LinkCodes);
        Assert.Empty(lines[1].LinkCodes);
        Assert.Equal(["globex"], _store.Store.ListLines(WorkspaceId.Parse("globex")).Select(l => l.Workspace.Value));
    }

    [Fact]
    public void Lines_are_read_once_and_read_again_after_a_line_or_link_code_is_saved()
    {
        _store.Store.SaveLine(WhatsAppPayloads.AcmeLine with { LinkCodes = [] });
        Assert.Empty(_store.Store.ListLines().Single().LinkCodes);

        Assert.True(_store.Store.SaveLinkCode(WhatsAppPayloads.AcmeLine.PhoneNumberId, new WhatsAppLinkCode("[BF26-IG]", "bf-2026", "instagram")));
        Assert.Single(_store.Store.ListLines().Single().LinkCodes);

        _store.Store.SaveLine(WhatsAppPayloads.GlobexLine);
        Assert.Equal(["acme", "globex"], _store.Store.ListLines().Select(l => l.Workspace.Value));
    }

    [Fact]
    public void A_status_waits_for_the_deployment_naming_its_message_and_applies_at_the_refresh_after_it_arrives()
    {
        _store.Store.KeepWebhookDelivery([Status("failed", "13:00:02", code: "131026", title: "Message undeliverable")], [], "webhook");
        _store.Refresh("13:30:00");
        Assert.Empty(_store.Rows("SELECT * FROM deployments"));

        _store.Ingest(_acme.DeploymentCreated("13:00:00", "dep-78", messageId: MessageId));
        _store.Refresh("13:40:00");

        var row = Assert.Single(_store.Rows("SELECT deployment_id, delivery_status, status_detail FROM deployments"));
        Assert.Equal(("dep-78", "Failed", "131026: Message undeliverable"), (row["deployment_id"], row["delivery_status"], row["status_detail"]));
    }

    [Fact]
    public void A_retried_status_is_applied_once_and_a_status_for_a_known_deployment_applies_at_the_next_refresh()
    {
        _store.Ingest(_acme.DeploymentCreated("13:00:00", "dep-77", messageId: MessageId));
        _store.Store.KeepWebhookDelivery([Status("delivered", "13:00:04")], [], "webhook");
        _store.Store.KeepWebhookDelivery([Status("delivered", "13:00:04")], [], "webhook");
        _store.Refresh("13:30:00");
        _store.Store.KeepWebhookDelivery([Status("delivered", "13:00:04")], [], "webhook");
        _store.Refresh("13:40:00");

        var row = Assert.Single(_store.Rows("SELECT delivery_status, deployment_delivered_timestamp FROM deployments"));
        Assert.Equal(("Delivered", EventLines.Utc("13:00:04")), (row["delivery_status"], row["deployment_delivered_timestamp"]));
        Assert.Single(_store.Rows("SELECT * FROM sessions WHERE session_type = 'OUTBOUND'"));
    }

    [Fact]
    public void A_status_no_deployment_names_within_the_retention_period_goes()
    {
        _store.Store.KeepWebhookDelivery([Status("read", "13:00:04", messageId: "wamid.BOT-REPLY")], [], "webhook");
        _store.Refresh(EventLines.Utc("13:00:00").AddDays(29));
        Assert.Equal(1L, PendingStatuses());

        _store.Refresh(EventLines.Utc("13:00:05").AddDays(30));
        Assert.Equal(0L, PendingStatuses());
    }

    [Fact]
    public async Task A_webhook_rejection_is_kept_with_its_workspace_source_reason_and_raw_text()
    {
        _store.Store.KeepWebhookDelivery(
            [], [new WebhookRejection(WorkspaceId.Parse("acme"), Rejection.Of("messages[].id is missing"), """{"from":"1"}""")], "whatsapp webhook req-1");

        var kept = await _store.Store.ReadRejectionsAsync(WorkspaceId.Parse("acme"), TestStore.ReadAll, TestContext.Current.CancellationToken);
        var row = Assert.Single(kept);
        Assert.Equal(("whatsapp webhook req-1", "messages[].id is missing", """{"from":"1"}"""), (row["source"], row["reason"], row["raw"]));
    }

    private long PendingStatuses()
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={_store.DatabasePath}");
        _store.Store.Dispose();
        connection.Open();
        var count = connection.Scalar<long>("SELECT count(*) FROM ac.whatsapp_statuses");
        connection.Dispose();
        _store.Reopen();
        return count;
    }

    public void Dispose() => _store.Dispose();
}
