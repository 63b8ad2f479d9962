using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.WhatsApp;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// What the store keeps besides events, on PostgreSQL: workspace settings, API keys, saved queries, WhatsApp lines and the
/// statuses and rejections of webhook deliveries. Each kept in the database, so another process opening it sees them.
/// </summary>
public sealed class SettingsAndRecordsTests(PostgresServer server) : IAsyncLifetime
{
    private const string MessageId = "wamid.HBgMNTczMDAxMjM0NTY3FQIAERgSRkFJTEVEMTMxMDI2REVQNzgA";
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceId s_globex = WorkspaceId.Parse("globex");
    private PgTestStore _store = null!;
    private PostgresStore _other = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = await PgTestStore.CreateAsync(server);
        _other = await _store.OpenAnotherAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _other.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Setting_the_time_zone_keeps_the_timeout_and_setting_the_timeout_keeps_the_time_zone()
    {
        var quarterHour = InactivityTimeout.Of(TimeSpan.FromMinutes(15));
        await _store.Store.SetInactivityTimeoutAsync(s_acme, quarterHour, Ct);
        await _store.Store.SetTimeZoneAsync(s_acme, Zone("Europe/Madrid"), Ct);
        Assert.Equal((quarterHour, Zone("Europe/Madrid")), await AcmeSettingsAsync());

        await _store.Store.SetInactivityTimeoutAsync(s_acme, InactivityTimeout.None, Ct);
        Assert.Equal((InactivityTimeout.None, Zone("Europe/Madrid")), await AcmeSettingsAsync());
        Assert.Equal(Zone("Europe/Madrid"), await _other.GetTimeZoneAsync(s_acme, Ct));
        Assert.Equal(WorkspaceTimeZone.Utc, await _other.GetTimeZoneAsync(s_globex, Ct));
    }

    [Fact]
    public async Task Setting_only_the_time_zone_leaves_sessions_ending_after_the_default_hour()
    {
        await _store.Store.SetTimeZoneAsync(s_acme, Zone("America/Bogota"), Ct);
        await _store.IngestAsync(new EventLines().Inbound("12:00:00"));
        await _store.RefreshAsync("14:00:00");

        Assert.Equal((InactivityTimeout.Default, Zone("America/Bogota")), await AcmeSettingsAsync());
        Assert.Equal(["2026-11-20 13:00:00.000000"],
            await _store.RowsAsync("SELECT session_finished_timestamp FROM analytics.sessions WHERE workspace_id = @ws"));
    }

    [Fact]
    public async Task A_changed_timeout_rebuilds_the_workspace_at_its_next_refresh()
    {
        await _store.IngestAsync(new EventLines().Inbound("12:00:00"), new EventLines().Inbound("12:30:00"));
        await _store.RefreshAsync("14:00:00");
        Assert.Single(await _store.SessionsAsync());

        await _other.SetInactivityTimeoutAsync(s_acme, InactivityTimeout.Of(TimeSpan.FromMinutes(15)), Ct);
        var report = await _store.RefreshAsync("14:00:00");

        Assert.True(Assert.Single(report.Workspaces).FullRebuild);
        Assert.Equal(2, (await _store.SessionsAsync()).Count);
    }

    [Fact]
    public async Task A_zone_postgresql_does_not_know_is_refused_in_words()
    {
        var unknown = WorkspaceTimeZone.FromStored("Mars/Olympus_Mons");

        var refusal = await Assert.ThrowsAsync<ArgumentException>(() => _store.Store.SetTimeZoneAsync(s_acme, unknown, Ct));

        Assert.StartsWith("PostgreSQL does not know the time zone \"Mars/Olympus_Mons\"", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await _store.Store.GetStatusAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task A_key_authenticates_in_another_process_as_its_workspace_until_it_is_revoked()
    {
        var created = await _store.Store.CreateKeyAsync(s_acme, "ingest bot", KeyScope.Ingest, Ct);

        var found = await _other.AuthenticateAsync(created.Key, Ct);
        Assert.Equal(("acme", "ingest bot", KeyScope.Ingest, _store.Time.Now.UtcDateTime), (found!.Workspace, found.Name, found.Scope, found.CreatedAtUtc));
        Assert.Null(await _other.AuthenticateAsync(created.Key[..^1] + (created.Key[^1] == 'a' ? 'b' : 'a'), Ct));

        Assert.True(await _other.RevokeKeyAsync(found.KeyId, Ct));
        Assert.False(await _store.Store.RevokeKeyAsync(found.KeyId, Ct));
        Assert.Null(await _store.Store.AuthenticateAsync(created.Key, Ct));
        var listed = Assert.Single(await _store.Store.ListKeysAsync(s_acme, Ct));
        Assert.Equal((found.KeyId, _store.Time.Now.UtcDateTime), (listed.KeyId, listed.RevokedAtUtc));
        Assert.Empty(await _store.Store.ListKeysAsync(s_globex, Ct));
    }

    [Fact]
    public async Task A_saved_query_is_its_workspaces_alone_and_saving_its_name_again_keeps_its_id()
    {
        var first = await _store.Store.SaveQueryAsync(s_acme, "busy lines", "SELECT 1", Ct);
        _store.Time.Now = _store.Time.Now.AddMinutes(5);
        var second = await _other.SaveQueryAsync(s_acme, "busy lines", "SELECT 2", Ct);

        Assert.Equal((first.Id, "SELECT 2", _store.Time.Now.UtcDateTime), (second.Id, second.Sql, second.SavedAtUtc));
        Assert.Equal([second], await _store.Store.ListSavedQueriesAsync(s_acme, Ct));
        Assert.False(await _store.Store.DeleteSavedQueryAsync(s_globex, second.Id, Ct));
        Assert.True(await _store.Store.DeleteSavedQueryAsync(s_acme, second.Id, Ct));
        Assert.Empty(await _other.ListSavedQueriesAsync(s_acme, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.Store.SaveQueryAsync(s_acme, " ", "SELECT 1", Ct));
    }

    [Fact]
    public async Task A_line_is_saved_listed_with_its_link_codes_and_replaced_by_phone_number_id()
    {
        await _store.Store.SaveLineAsync(WhatsAppPayloads.AcmeLine, Ct);
        await _store.Store.SaveLineAsync(WhatsAppPayloads.GlobexLine, Ct);
        var code = new WhatsAppLinkCode("[BF26-IG]", "bf-2026", "instagram");
        Assert.True(await _store.Store.SaveLinkCodeAsync(WhatsAppPayloads.AcmeLine.PhoneNumberId, code, Ct));
        Assert.False(await _store.Store.SaveLinkCodeAsync("000", new WhatsAppLinkCode("[X]", "x", null), Ct));
        await _store.Store.SaveLineAsync(WhatsAppPayloads.AcmeLine with { DisplayName = "Acme Ayuda", DefaultConversation = null, LinkCodes = [] }, Ct);

        var lines = await _other.ListLinesAsync(cancellationToken: Ct);

        Assert.Equal(["acme", "globex"], lines.Select(l => l.Workspace.Value));
        Assert.Equal(("Acme Ayuda", null), (lines[0].DisplayName, lines[0].DefaultConversation));
        Assert.Equal([code], lines[0].LinkCodes);
        Assert.Equal(["globex"], (await _other.ListLinesAsync(s_globex, Ct)).Select(l => l.Workspace.Value));
    }

    [Fact]
    public async Task A_status_waits_for_the_deployment_naming_its_message_and_applies_once_at_the_refresh_after_it_arrives()
    {
        var failed = new WhatsAppStatus
        {
            Workspace = s_acme,
            EventId = MessageId + ":failed",
            MessageId = MessageId,
            Status = "failed",
            OccurredAt = EventLines.Utc("13:00:02"),
            ErrorCode = "131026",
            ErrorTitle = "Message undeliverable",
        };
        await _store.Store.KeepWebhookDeliveryAsync([failed], [], "webhook", Ct);
        await _other.KeepWebhookDeliveryAsync([failed], [], "webhook", Ct);
        await _store.RefreshAsync("13:30:00");
        Assert.Empty(await _store.DeploymentsAsync());

        await _store.IngestAsync(new EventLines("acme", line: "15550783881").DeploymentCreated("13:00:00", "dep-78", messageId: MessageId));
        await _store.RefreshAsync("13:40:00");

        Assert.Equal(["dep-78|Failed|131026: Message undeliverable"], await _store.RowsAsync(
            "SELECT deployment_id || '|' || delivery_status || '|' || status_detail FROM analytics.deployments WHERE workspace_id = @ws"));
        Assert.Equal(["0"], await _store.RowsAsync("SELECT count(*) FROM analytics.whatsapp_statuses WHERE workspace_id = @ws"));
    }

    [Fact]
    public async Task A_webhook_rejection_is_kept_with_its_source_reason_and_raw_text()
    {
        await _store.Store.KeepWebhookDeliveryAsync(
            [], [new WebhookRejection(s_acme, Rejection.Of("messages[].id is missing"), """{"from":"1"}""")], "whatsapp webhook req-1", Ct);

        Assert.Equal([(null, "messages[].id is missing", """{"from":"1"}""")], await _store.RejectionsAsync());
        Assert.Equal(["whatsapp webhook req-1"], await _store.RowsAsync("SELECT source FROM analytics.rejections WHERE workspace_id = @ws"));
    }

    private static WorkspaceTimeZone Zone(string id) => WorkspaceTimeZone.TryParse(id, out var zone) ? zone : throw new ArgumentException(id);

    private async Task<(InactivityTimeout, WorkspaceTimeZone)> AcmeSettingsAsync()
    {
        var status = Assert.Single(await _other.GetStatusAsync(s_acme, Ct));
        return (status.InactivityTimeout, status.TimeZone);
    }
}
