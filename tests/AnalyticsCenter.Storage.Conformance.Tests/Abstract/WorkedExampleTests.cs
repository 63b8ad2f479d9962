using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>The worked example of sessionization.md, row for row.</summary>
public abstract class WorkedExampleTests(IStoreFactory stores) : StoreTests(stores)
{
    [Fact]
    public async Task The_worked_example_gives_three_sessions_and_one_delivered_deployment()
    {
        var t = new EventLines(phone: "573001234567");
        await Db.IngestAsync(
            t.DeploymentCreated("13:00:00", "dep-77"),
            t.Status("13:00:04", "dep-77", "delivered"),
            t.Inbound("13:02:00", "Sí"),
            t.Node("13:03:00", "n_menu"),
            t.Redirected("13:05:00", "conv_sales", 7),
            t.Inbound("13:06:00", text: null, kind: "image"),
            t.AgentAssigned("13:10:00"),
            t.Outbound("13:20:00", sender: "agent"),
            t.Inbound("15:00:00", "hola?"));
        await Db.RefreshAsync("18:00:00");

        var deployment = Assert.Single(await Db.RowsAsync("SELECT * FROM deployments"));
        Assert.Equal("Delivered", deployment["delivery_status"]);
        Assert.Equal(EventLines.Utc("13:00:00"), deployment["deployment_timestamp"]);
        Assert.Equal(EventLines.Utc("13:00:04"), deployment["deployment_delivered_timestamp"]);
        Assert.Equal("+57", deployment["user_country_code"]);
        Assert.Equal("3001234567", deployment["user_cellphone"]);

        var sessions = await Db.RowsAsync("SELECT * FROM sessions ORDER BY session_started_timestamp");
        Assert.Equal(3, sessions.Count);
        var (s1, s2, s3) = (sessions[0], sessions[1], sessions[2]);

        Assert.Equal(deployment["session_id"], s1["session_id"]);
        Assert.Equal("OUTBOUND", s1["session_type"]);
        Assert.Equal(EventLines.Utc("13:00:04"), s1["session_started_timestamp"]);
        Assert.Equal(EventLines.Utc("13:05:00"), s1["session_finished_timestamp"]);
        Assert.Equal("redirected", s1["session_end_reason"]);
        Assert.Equal("Sí", s1["first_message"]);
        Assert.Equal("Sí", s1["last_message"]);
        Assert.Equal(EventLines.Utc("13:02:00"), s1["first_message_timestamp"]);
        Assert.Equal("n_menu", s1["last_node_id"]);
        Assert.Equal("conv_promo", s1["conversation_id"]);
        Assert.Null(s1["parent_session_id"]);

        Assert.Equal(s1["session_id"], s2["parent_session_id"]);
        Assert.Equal("OUTBOUND", s2["session_type"]);
        Assert.Equal("conv_sales", s2["conversation_id"]);
        Assert.Equal(7, s2["conversation_version"]);
        Assert.Equal(EventLines.Utc("13:05:00"), s2["session_started_timestamp"]);
        Assert.Equal(EventLines.Utc("13:06:00"), s2["first_message_timestamp"]);
        Assert.Null(s2["first_message"]);
        Assert.Equal("AGENTS", s2["session_status"]);
        Assert.Null(s2["last_node_id"]);
        Assert.Equal(EventLines.Utc("14:20:00"), s2["session_finished_timestamp"]);
        Assert.Equal("inactivity", s2["session_end_reason"]);

        Assert.Equal("INBOUND", s3["session_type"]);
        Assert.Null(s3["parent_session_id"]);
        Assert.Equal(EventLines.Utc("15:00:00"), s3["session_started_timestamp"]);
        Assert.Equal(EventLines.Utc("16:00:00"), s3["session_finished_timestamp"]);
        Assert.Equal("inactivity", s3["session_end_reason"]);
        Assert.Equal("hola?", s3["first_message"]);
        Assert.Equal("BOT", s3["session_status"]);
        Assert.Equal("5215550001111", s3["line_whatsapp_number"]);
        Assert.Equal("Acme Support", s3["line_whatsapp_display_name"]);
    }
}
