using System.Text.Json.Nodes;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>Each rule of sessionization.md, through a real store: events in, rows out.</summary>
public abstract class SessionizationRulesTests(IStoreFactory stores) : StoreTests(stores)
{
    private readonly EventLines _user = new();

    private Task<IReadOnlyList<Dictionary<string, object?>>> SessionsAsync() =>
        Db.RowsAsync("SELECT * FROM sessions ORDER BY session_started_timestamp, session_id");

    private async Task<Dictionary<string, object?>> DeploymentAsync() => Assert.Single(await Db.RowsAsync("SELECT * FROM deployments"));

    private async Task ApplyAsync(string asOf, params string[] lines)
    {
        await Db.IngestAsync(lines);
        await Db.RefreshAsync(asOf);
    }

    [Fact]
    public async Task The_same_user_on_two_lines_has_two_timelines_with_a_session_each()
    {
        var otherLine = new EventLines(line: "5215550002222");
        await ApplyAsync("12:30:00", _user.Inbound("12:00:00"), otherLine.Inbound("12:01:00"), _user.Inbound("12:02:00"));

        var sessions = await SessionsAsync();
        Assert.Equal(2, sessions.Count);
        Assert.Equal(["5215550001111", "5215550002222"], sessions.Select(s => (string)s["line_whatsapp_number"]!).Order());
        Assert.All(sessions, s => Assert.Null(s["session_finished_timestamp"]));
    }

    [Fact]
    public async Task Events_at_the_same_instant_apply_in_event_id_order()
    {
        // "a" closes before "b" starts a new session: two sessions.
        await ApplyAsync("12:30:00", _user.Inbound("12:00:00", id: "x0"), _user.AgentClosed("12:10:00", id: "a"), _user.Inbound("12:10:00", "again", id: "b"));
        Assert.Equal(2, (await SessionsAsync()).Count);
    }

    [Fact]
    public async Task Event_ids_at_the_same_instant_compare_by_code_point_not_by_utf16_unit()
    {
        // U+FF01 comes before U+1F600 by code point (and UTF-8 bytes), after it by UTF-16 unit: the close applies first.
        await ApplyAsync("12:30:00", _user.Inbound("12:00:00", id: "x0"),
            _user.AgentClosed("12:10:00", id: "\uFF01"), _user.Inbound("12:10:00", "again", id: "\U0001F600"));
        Assert.Equal(2, (await SessionsAsync()).Count);
    }

    [Fact]
    public async Task Events_at_the_same_instant_with_the_message_first_keep_one_session()
    {
        await ApplyAsync("12:30:00", _user.Inbound("12:00:00", id: "x0"), _user.Inbound("12:10:00", "again", id: "a"), _user.AgentClosed("12:10:00", id: "b"));
        var session = Assert.Single(await SessionsAsync());
        Assert.Equal("agent_closed", session["session_end_reason"]);
        Assert.Equal("again", session["last_message"]);
    }

    [Fact]
    public async Task Events_after_the_as_of_time_wait_for_a_later_refresh()
    {
        await Db.IngestAsync(_user.Inbound("12:00:00"), _user.Inbound("14:00:00", "later"));
        await Db.RefreshAsync("12:30:00");
        var session = Assert.Single(await SessionsAsync());
        Assert.Null(session["session_finished_timestamp"]);
        Assert.Equal(1, Assert.Single(await Db.Store.GetStatusAsync(cancellationToken: Ct)).EventsWaiting);

        await Db.RefreshAsync("14:30:00");
        Assert.Equal(2, (await SessionsAsync()).Count);
        Assert.Equal(0, Assert.Single(await Db.Store.GetStatusAsync(cancellationToken: Ct)).EventsWaiting);
    }

    [Fact]
    public async Task An_event_exactly_at_the_timeout_ends_the_session_at_last_activity_plus_timeout()
    {
        await ApplyAsync("14:00:00", _user.Inbound("12:00:00"), _user.Outbound("12:10:00"), _user.Inbound("13:10:00", "back"));
        var sessions = await SessionsAsync();
        Assert.Equal(2, sessions.Count);
        Assert.Equal(EventLines.Utc("13:10:00"), sessions[0]["session_finished_timestamp"]);
        Assert.Equal("inactivity", sessions[0]["session_end_reason"]);
        Assert.Equal(EventLines.Utc("13:10:00"), sessions[1]["session_started_timestamp"]);
    }

    [Fact]
    public async Task An_event_just_before_the_timeout_continues_the_session()
    {
        await ApplyAsync("14:00:00", _user.Inbound("12:00:00"),
            _user.Inbound("12:59:59.999999Z".Insert(0, EventLines.Day.ToString("yyyy-MM-dd", null) + "T"), "still here"));
        var session = Assert.Single(await SessionsAsync());
        Assert.Equal("still here", session["last_message"]);
    }

    [Fact]
    public async Task The_as_of_time_reaching_the_timeout_closes_the_session_and_an_earlier_one_leaves_it_open()
    {
        await Db.IngestAsync(_user.Inbound("12:00:00"));
        await Db.RefreshAsync("12:59:59");
        Assert.Null(Assert.Single(await SessionsAsync())["session_finished_timestamp"]);

        await Db.RefreshAsync("13:00:00");
        var closed = Assert.Single(await SessionsAsync());
        Assert.Equal(EventLines.Utc("13:00:00"), closed["session_finished_timestamp"]);
        Assert.Equal("inactivity", closed["session_end_reason"]);
    }

    [Fact]
    public async Task A_timeout_of_none_never_ends_a_session()
    {
        await Db.Store.SetInactivityTimeoutAsync(WorkspaceId.Parse("acme"), InactivityTimeout.None, Ct);
        await ApplyAsync("2026-11-25T00:00:00Z", _user.Inbound("12:00:00"), _user.Inbound("2026-11-24T12:00:00Z", "days later"));
        var session = Assert.Single(await SessionsAsync());
        Assert.Null(session["session_finished_timestamp"]);
        Assert.Equal("days later", session["last_message"]);
    }

    [Fact]
    public async Task A_configured_timeout_applies_and_changing_it_recomputes_the_workspace()
    {
        await ApplyAsync("14:00:00", _user.Inbound("12:00:00"), _user.Inbound("12:20:00"));
        Assert.Single(await SessionsAsync());

        await Db.Store.SetInactivityTimeoutAsync(WorkspaceId.Parse("acme"), InactivityTimeout.Of(TimeSpan.FromMinutes(15)), Ct);
        await Db.RefreshAsync("14:00:00");
        var sessions = await SessionsAsync();
        Assert.Equal(2, sessions.Count);
        Assert.Equal(EventLines.Utc("12:15:00"), sessions[0]["session_finished_timestamp"]);
    }

    [Theory]
    [InlineData("outbound")]
    [InlineData("node")]
    [InlineData("agent")]
    [InlineData("rating")]
    public async Task Every_kind_of_activity_extends_the_session(string kind)
    {
        var activity = kind switch
        {
            "outbound" => _user.Outbound("12:50:00"),
            "node" => _user.Node("12:50:00", "n_x"),
            "agent" => _user.AgentAssigned("12:50:00"),
            _ => _user.RatingRequested("12:50:00"),
        };
        await ApplyAsync("14:00:00", _user.Inbound("12:00:00"), activity);
        Assert.Equal(EventLines.Utc("13:50:00"), Assert.Single(await SessionsAsync())["session_finished_timestamp"]);
    }

    [Fact]
    public async Task An_inbound_message_with_no_session_open_starts_an_inbound_session_with_its_attribution()
    {
        var referral = new JsonObject
        {
            ["source_url"] = "https://fb.me/abc",
            ["source_type"] = "ad",
            ["source_id"] = "120208",
            ["headline"] = "Black Friday",
            ["body"] = "50% off",
            ["media_type"] = "video",
            ["video_url"] = "https://cdn/v.mp4",
            ["thumbnail_url"] = "https://cdn/t.jpg",
        };
        var link = new JsonObject { ["campaign_name"] = "bf-2026", ["campaign_source"] = "instagram" };
        await ApplyAsync("12:30:00", _user.Inbound("12:00:00", "Hola, quiero info", conversation: ("conv_welcome", 3), referral: referral, whatsappLink: link));

        var s = Assert.Single(await SessionsAsync());
        Assert.Equal("INBOUND", s["session_type"]);
        Assert.Equal("BOT", s["session_status"]);
        Assert.Equal("conv_welcome", s["conversation_id"]);
        Assert.Equal(3, s["conversation_version"]);
        Assert.Equal("Hola, quiero info", s["first_message"]);
        Assert.Equal("Hola, quiero info", s["last_message"]);
        Assert.Equal("https://fb.me/abc", s["meta_source_url"]);
        Assert.Equal("Ad", s["meta_source_type"]);
        Assert.Equal("120208", s["meta_source_id"]);
        Assert.Equal("Black Friday", s["meta_source_headline"]);
        Assert.Equal("50% off", s["meta_source_body"]);
        Assert.Equal("Video", s["meta_source_media_type"]);
        Assert.Equal("https://cdn/v.mp4", s["meta_source_media_url"]);
        Assert.Equal("https://cdn/t.jpg", s["meta_source_thumbnail_url"]);
        Assert.Equal("bf-2026", s["whatsapp_link_campaign_name"]);
        Assert.Equal("instagram", s["whatsapp_link_campaign_source"]);
        Assert.Equal("+57", s["user_country_code"]);
        Assert.Equal("3001234567", s["user_cellphone"]);
    }

    [Fact]
    public async Task Events_other_than_an_inbound_message_or_a_delivery_start_nothing()
    {
        await ApplyAsync("12:30:00",
            _user.Outbound("12:00:00"), _user.Node("12:01:00", "n"), _user.AgentAssigned("12:02:00"), _user.RatingRequested("12:03:00"),
            _user.AgentClosed("12:04:00"), _user.Overwritten("12:05:00"), _user.Redirected("12:06:00", "conv_sales", 7),
            _user.DeploymentCreated("12:07:00", "dep-1"), _user.Status("12:08:00", "dep-1", "sent"));
        Assert.Empty(await SessionsAsync());
        Assert.Equal("In Process", (await DeploymentAsync())["delivery_status"]);
    }

    [Fact]
    public async Task A_later_message_sets_the_last_message_and_ignores_its_attribution()
    {
        var referral = new JsonObject { ["source_type"] = "post", ["source_id"] = "99" };
        await ApplyAsync("12:30:00", _user.Inbound("12:00:00", "first"), _user.Inbound("12:05:00", "second", referral: referral));
        var s = Assert.Single(await SessionsAsync());
        Assert.Equal("first", s["first_message"]);
        Assert.Equal("second", s["last_message"]);
        Assert.Equal(EventLines.Utc("12:05:00"), s["last_message_timestamp"]);
        Assert.Null(s["meta_source_id"]);
    }

    [Fact]
    public async Task Media_messages_set_message_timestamps_but_no_text()
    {
        await ApplyAsync("12:30:00", _user.Inbound("12:00:00", "hola"), _user.Inbound("12:05:00", text: "caption", kind: "image"));
        var s = Assert.Single(await SessionsAsync());
        Assert.Equal("hola", s["first_message"]);
        Assert.Null(s["last_message"]);
        Assert.Equal(EventLines.Utc("12:05:00"), s["last_message_timestamp"]);
    }

    [Fact]
    public async Task Nodes_agents_and_ratings_set_the_last_node_and_the_latest_stage()
    {
        await ApplyAsync("12:30:00", _user.Inbound("12:00:00"), _user.Node("12:01:00", "n_menu"), _user.Node("12:02:00", "n_ask_email"),
            _user.AgentAssigned("12:03:00"), _user.RatingRequested("12:04:00"));
        var s = Assert.Single(await SessionsAsync());
        Assert.Equal("n_ask_email", s["last_node_id"]);
        Assert.Equal("RATING", s["session_status"]);
    }

    [Theory]
    [InlineData("agent.closed", "agent_closed")]
    [InlineData("flow.overwritten", "overwritten")]
    public async Task Closing_events_end_the_session_at_their_time(string type, string reason)
    {
        var end = type == "agent.closed" ? _user.AgentClosed("12:10:00") : _user.Overwritten("12:10:00");
        await ApplyAsync("12:30:00", _user.Inbound("12:00:00"), end, _user.Inbound("12:20:00", "new one"));
        var sessions = await SessionsAsync();
        Assert.Equal(2, sessions.Count);
        Assert.Equal(EventLines.Utc("12:10:00"), sessions[0]["session_finished_timestamp"]);
        Assert.Equal(reason, sessions[0]["session_end_reason"]);
        Assert.Equal("new one", sessions[1]["first_message"]);
    }

    [Fact]
    public async Task A_redirect_ends_the_session_and_starts_a_child_with_the_new_flow_and_no_attribution()
    {
        var link = new JsonObject { ["campaign_name"] = "c", ["campaign_source"] = "google" };
        await ApplyAsync("12:30:00", _user.Inbound("12:00:00", "hola", conversation: ("conv_welcome", 3), whatsappLink: link),
            _user.Node("12:01:00", "n_menu"), _user.AgentAssigned("12:02:00"), _user.Redirected("12:05:00", "conv_sales", 7));
        var (parent, child) = ((await SessionsAsync())[0], (await SessionsAsync())[1]);
        Assert.Equal("redirected", parent["session_end_reason"]);
        Assert.Equal(EventLines.Utc("12:05:00"), parent["session_finished_timestamp"]);
        Assert.Equal(parent["session_id"], child["parent_session_id"]);
        Assert.Equal("INBOUND", child["session_type"]);
        Assert.Equal("BOT", child["session_status"]);
        Assert.Equal("conv_sales", child["conversation_id"]);
        Assert.Equal(7, child["conversation_version"]);
        Assert.Equal(EventLines.Utc("12:05:00"), child["session_started_timestamp"]);
        Assert.Null(child["first_message"]);
        Assert.Null(child["first_message_timestamp"]);
        Assert.Null(child["last_node_id"]);
        Assert.Null(child["whatsapp_link_campaign_name"]);
        Assert.Null(child["session_finished_timestamp"]);
    }

    [Fact]
    public async Task A_delivered_deployment_replaces_the_open_session_and_its_first_reply_is_the_first_message()
    {
        await ApplyAsync("12:30:00", _user.Inbound("12:00:00"), _user.DeploymentCreated("12:04:00", "dep-1", campaign: "Promo"),
            _user.Status("12:05:00", "dep-1", "sent"), _user.Status("12:06:00", "dep-1", "delivered"), _user.Inbound("12:07:00", "Sí"));
        var (replaced, outbound) = ((await SessionsAsync())[0], (await SessionsAsync())[1]);
        Assert.Equal("replaced", replaced["session_end_reason"]);
        Assert.Equal(EventLines.Utc("12:06:00"), replaced["session_finished_timestamp"]);
        Assert.Equal("OUTBOUND", outbound["session_type"]);
        Assert.Equal("conv_promo", outbound["conversation_id"]);
        Assert.Equal("Sí", outbound["first_message"]);
        Assert.Null(outbound["meta_source_id"]);

        var deployment = await DeploymentAsync();
        Assert.Equal("Delivered", deployment["delivery_status"]);
        Assert.Equal(EventLines.Utc("12:06:00"), deployment["deployment_delivered_timestamp"]);
        Assert.Equal(outbound["session_id"], deployment["session_id"]);
        Assert.Equal("Promo", deployment["campaign_name"]);
        Assert.Equal("dep-1", deployment["deployment_id"]);
        Assert.Null(deployment["status_detail"]);
    }

    [Fact]
    public async Task Read_without_delivered_counts_as_delivered()
    {
        await ApplyAsync("12:30:00", _user.DeploymentCreated("12:00:00", "dep-1"), _user.Status("12:03:00", "dep-1", "read"));
        Assert.Equal("Delivered", (await DeploymentAsync())["delivery_status"]);
        Assert.Equal(EventLines.Utc("12:03:00"), (await DeploymentAsync())["deployment_delivered_timestamp"]);
        Assert.Equal("OUTBOUND", Assert.Single(await SessionsAsync())["session_type"]);
    }

    [Theory]
    [InlineData(131026, "Message undeliverable", "131026: Message undeliverable")]
    [InlineData("FAILURE_BY_OPTOUT_CONTACT", "Contact opted out", "FAILURE_BY_OPTOUT_CONTACT: Contact opted out")]
    [InlineData("INVALID_PHONE", null, "INVALID_PHONE")]
    [InlineData(null, "Something went wrong", "Something went wrong")]
    [InlineData(null, null, null)]
    public async Task A_failure_keeps_its_reason_as_code_and_title(object? code, string? title, string? detail)
    {
        await ApplyAsync("12:30:00", _user.DeploymentCreated("12:00:00", "dep-1"), _user.Status("12:01:00", "dep-1", "failed", code, title));
        Assert.Equal("Failed", (await DeploymentAsync())["delivery_status"]);
        Assert.Equal(detail, (await DeploymentAsync())["status_detail"]);
        Assert.Null((await DeploymentAsync())["session_id"]);
        Assert.Empty(await SessionsAsync());
    }

    [Fact]
    public async Task Statuses_apply_in_time_order_and_the_first_outcome_is_final()
    {
        await ApplyAsync("12:30:00", _user.DeploymentCreated("12:00:00", "dep-1"),
            _user.Status("12:02:00", "dep-1", "failed", 131049, "This message was not delivered to maintain healthy ecosystem engagement"),
            _user.Status("12:01:00", "dep-1", "delivered"));
        Assert.Equal("Delivered", (await DeploymentAsync())["delivery_status"]);
        Assert.Null((await DeploymentAsync())["status_detail"]);
    }

    [Fact]
    public async Task A_status_that_arrives_before_its_deployment_is_pending_until_the_deployment_arrives()
    {
        await Db.IngestAsync(_user.Status("12:01:00", "dep-1", "delivered"));
        await Db.RefreshAsync("12:30:00");
        Assert.Equal(1, Assert.Single(await Db.Store.GetStatusAsync(cancellationToken: Ct)).StatusesPending);
        Assert.Empty(await Db.RowsAsync("SELECT * FROM deployments"));

        await Db.IngestAsync(_user.DeploymentCreated("12:00:00", "dep-1"));
        await Db.RefreshAsync("12:30:00");
        Assert.Equal(0, Assert.Single(await Db.Store.GetStatusAsync(cancellationToken: Ct)).StatusesPending);
        Assert.Equal("Delivered", (await DeploymentAsync())["delivery_status"]);
        Assert.Equal(EventLines.Utc("12:01:00"), Assert.Single(await SessionsAsync())["session_started_timestamp"]);
    }

    [Fact]
    public async Task A_status_stamped_before_its_deployment_applies_at_the_deployment_instant()
    {
        await ApplyAsync("12:30:00", _user.Status("11:59:00", "dep-1", "delivered"), _user.DeploymentCreated("12:00:00", "dep-1"));
        Assert.Equal(EventLines.Utc("12:00:00"), (await DeploymentAsync())["deployment_delivered_timestamp"]);
        Assert.Equal(EventLines.Utc("12:00:00"), Assert.Single(await SessionsAsync())["session_started_timestamp"]);
    }

    [Fact]
    public async Task A_duplicate_event_is_counted_and_not_applied_twice()
    {
        var message = _user.Inbound("12:00:00", "hola");
        var first = await Db.IngestAsync(message, message);
        var second = await Db.IngestAsync(message);
        await Db.RefreshAsync("12:30:00");

        Assert.Equal((1, 1), (first.Accepted, first.Duplicates));
        Assert.Equal((0, 1), (second.Accepted, second.Duplicates));
        Assert.Single(await SessionsAsync());
    }

    [Fact]
    public async Task Session_ids_are_the_same_after_a_full_rebuild_in_a_new_store()
    {
        string[] lines = [_user.Inbound("12:00:00"), _user.Redirected("12:05:00", "conv_sales", 7), _user.DeploymentCreated("12:10:00", "dep-1"),
            _user.Status("12:11:00", "dep-1", "delivered")];
        await ApplyAsync("13:00:00", lines);
        var ids = (await SessionsAsync()).Select(s => (s["session_id"], s["parent_session_id"])).ToList();

        await using var other = await Stores.CreateAsync();
        await other.IngestAsync(lines.Reverse());
        await other.RefreshAsync("13:00:00");
        Assert.Equal(ids, (await other.RowsAsync("SELECT * FROM sessions ORDER BY session_started_timestamp, session_id"))
            .Select(s => (s["session_id"], s["parent_session_id"])));
        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public async Task Retention_drops_rows_that_began_before_the_window_and_purges_events_no_row_needs()
    {
        await ApplyAsync("12:30:00", _user.Inbound("12:00:00", "old"), _user.DeploymentCreated("12:10:00", "dep-old"),
            _user.Status("12:11:00", "dep-old", "failed", 131026, "Message undeliverable"));
        var report = await Db.RefreshAsync(EventLines.Utc("12:30:00").AddDays(31));
        Assert.Empty(await SessionsAsync());
        Assert.Empty(await Db.RowsAsync("SELECT * FROM deployments"));
        Assert.Equal(3, report.Workspaces.Single().EventsPurged);

        await Db.IngestAsync(_user.Inbound(EventLines.At("12:00:00").Replace("11-20", "12-21", StringComparison.Ordinal), "new"));
        await Db.RefreshAsync(EventLines.Utc("12:30:00").AddDays(31));
        Assert.Equal("new", Assert.Single(await SessionsAsync())["first_message"]);
    }

    [Fact]
    public async Task Retention_keeps_a_deployment_still_in_process_so_a_late_delivery_starts_its_session()
    {
        await ApplyAsync("12:30:00", _user.DeploymentCreated("12:10:00", "dep-slow"));
        await Db.RefreshAsync(EventLines.Utc("12:30:00").AddDays(31));
        Assert.Empty(await Db.RowsAsync("SELECT * FROM deployments"));

        var delivered = EventLines.At("12:00:00").Replace("11-20", "12-21", StringComparison.Ordinal);
        await Db.IngestAsync(_user.Status(delivered, "dep-slow", "delivered"));
        await Db.RefreshAsync(EventLines.Utc("12:30:00").AddDays(31));
        var session = Assert.Single(await SessionsAsync());
        Assert.Equal(("OUTBOUND", "conv_promo"), (session["session_type"], session["conversation_id"]));
    }

    [Fact]
    public async Task Retention_keeps_the_events_of_a_session_that_started_before_the_window_and_is_still_open()
    {
        await Db.Store.SetInactivityTimeoutAsync(WorkspaceId.Parse("acme"), InactivityTimeout.None, Ct);
        await Db.IngestAsync(_user.Inbound("12:00:00", "old"));
        await Db.RefreshAsync(EventLines.Utc("12:30:00").AddDays(31));
        Assert.Empty(await SessionsAsync());

        // Still the old session's activity, not a new session: the store kept what it needs to know that.
        await Db.IngestAsync(_user.Inbound(EventLines.At("12:00:00").Replace("11-20", "12-21", StringComparison.Ordinal), "still open"));
        await Db.RefreshAsync(EventLines.Utc("12:30:00").AddDays(31));
        Assert.Empty(await SessionsAsync());
    }

    [Fact]
    public async Task A_workspace_with_a_retention_window_of_its_own_drops_its_rows_outside_it_and_no_one_elses()
    {
        var globex = new EventLines("globex");
        await Db.Store.SetRetentionAsync(WorkspaceId.Parse("acme"), RetentionPeriod.Of(TimeSpan.FromDays(7)), Ct);
        await ApplyAsync("12:30:00", _user.Inbound("12:00:00", "old"), globex.Inbound("12:00:00", "old"));

        // Ten days on: older than acme's week, within globex's (the store's) 30 days.
        var report = await Db.RefreshAsync(EventLines.Utc("12:30:00").AddDays(10));
        Assert.Empty(await SessionsAsync());
        Assert.Equal("old", Assert.Single(await Db.RowsAsync("SELECT first_message FROM sessions", "globex"))["first_message"]);
        Assert.Equal((1L, 0L), (report.Workspaces.Single(w => w.Workspace == "acme").EventsPurged,
            report.Workspaces.Single(w => w.Workspace == "globex").EventsPurged));
        var statuses = await Db.Store.GetStatusAsync(cancellationToken: Ct);
        Assert.Equal(["7d", "30d"], statuses.Select(s => s.Retention.ToString()));

        // Back to the store's window: what a window dropped stays gone, and what arrives within 30 days is kept.
        await Db.Store.SetRetentionAsync(WorkspaceId.Parse("acme"), null, Ct);
        Assert.Empty(await Db.Store.GetRetentionsAsync(Ct));
        await Db.IngestAsync(_user.Inbound(EventLines.At("12:00:00").Replace("11-20", "11-21", StringComparison.Ordinal), "newer"));
        await Db.RefreshAsync(EventLines.Utc("12:30:00").AddDays(10));
        Assert.Equal("newer", Assert.Single(await SessionsAsync())["first_message"]);
    }
}
