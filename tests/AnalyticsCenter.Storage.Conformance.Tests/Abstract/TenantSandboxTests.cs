using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>
/// Tenant SQL on either store: one workspace's two tables, read-only, nothing else. Each store's own catalogs, functions
/// and statements are refused in its own tests; what every SQL engine has is refused here.
/// </summary>
public abstract class TenantSandboxTests(IStoreFactory stores) : StoreTests(stores)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var acme = new EventLines("acme");
        var globex = new EventLines("globex", phone: "14155552671");
        await Db.IngestAsync(
            acme.Inbound("12:00:00", "acme secret"), acme.DeploymentCreated("12:10:00", "dep-a"),
            globex.Inbound("12:00:00", "globex secret"), globex.DeploymentCreated("12:10:00", "dep-g"), globex.Status("12:11:00", "dep-g", "delivered"));
        await Db.RefreshAsync("12:30:00");
    }

    [Fact]
    public async Task A_workspace_sees_only_its_own_rows()
    {
        Assert.Equal("acme secret", Assert.Single(await Db.RowsAsync("SELECT first_message FROM sessions"))["first_message"]);
        Assert.Equal("dep-a", Assert.Single(await Db.RowsAsync("SELECT deployment_id FROM deployments"))["deployment_id"]);
        Assert.Equal(2, (await Db.RowsAsync("SELECT * FROM sessions", "globex")).Count);
        Assert.Empty(await Db.RowsAsync("SELECT * FROM sessions WHERE first_message = 'globex secret' OR user_country_code = '+1'"));
    }

    [Fact]
    public async Task The_tables_have_the_contract_columns_in_order_and_no_workspace_column()
    {
        Assert.Equal(
            ["session_id", "parent_session_id", "session_started_timestamp", "session_finished_timestamp", "session_type", "session_status",
             "conversation_id", "conversation_version", "user_country_code", "user_cellphone", "line_whatsapp_number", "line_whatsapp_display_name",
             "first_message_timestamp", "first_message", "last_message_timestamp", "last_message", "last_node_id", "meta_source_url",
             "meta_source_type", "meta_source_id", "meta_source_headline", "meta_source_body", "meta_source_media_type", "meta_source_media_url",
             "meta_source_thumbnail_url", "whatsapp_link_campaign_name", "whatsapp_link_campaign_source", "session_end_reason"],
            (await Db.RowsAsync("SELECT * FROM sessions"))[0].Keys);
        Assert.Equal(
            ["conversation_id", "conversation_version", "user_country_code", "user_cellphone", "deployment_timestamp", "delivery_status",
             "status_detail", "deployment_delivered_timestamp", "session_id", "deployment_id", "line_whatsapp_number", "campaign_name"],
            (await Db.RowsAsync("SELECT * FROM deployments"))[0].Keys);
    }

    [Theory]
    [InlineData("INSERT INTO sessions (session_id) VALUES ('x')")]
    [InlineData("UPDATE sessions SET first_message = 'x'")]
    [InlineData("DELETE FROM sessions")]
    [InlineData("DROP TABLE sessions")]
    [InlineData("CREATE TABLE t AS SELECT 1")]
    [InlineData("SELECT 1; DELETE FROM sessions")]
    [InlineData("SELECT 1; SELECT 2")]
    [InlineData("SELECT * FROM information_schema.tables")]
    [InlineData("COPY sessions TO '/tmp/x.csv'")]
    [InlineData("SELECT * FROM events")]
    [InlineData("")]
    public Task Anything_else_is_refused_in_words_and_changes_nothing(string sql) => RefusedAndNothingChangedAsync(sql);

    /// <summary>Asserts that <paramref name="sql"/> is refused in words and both workspaces' rows are as they were.</summary>
    protected async Task RefusedAndNothingChangedAsync(string sql)
    {
        var refusal = await Assert.ThrowsAsync<QueryRefusedException>(() => Db.RowsAsync(sql));
        Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
        Assert.Single(await Db.RowsAsync("SELECT * FROM sessions"));
        Assert.Equal(2, (await Db.RowsAsync("SELECT * FROM sessions", "globex")).Count);
    }

    [Fact]
    public async Task Queries_of_different_workspaces_run_side_by_side_and_each_sees_its_own_rows()
    {
        var queries = Enumerable.Range(0, 8).Select(i =>
        {
            var workspace = i % 2 == 0 ? "acme" : "globex";
            return Task.Run(async () =>
                (workspace, rows: await Db.RowsAsync("SELECT first_message FROM sessions WHERE first_message IS NOT NULL", workspace)));
        });
        foreach (var (workspace, rows) in await Task.WhenAll(queries))
        {
            Assert.Equal($"{workspace} secret", Assert.Single(rows)["first_message"]);
        }
    }

    [Fact]
    public async Task Named_parameters_carry_values_and_cannot_widen_the_query()
    {
        var parameters = new Dictionary<string, object?> { ["type"] = "INBOUND", ["text"] = "x' OR 1=1 --" };
        var rows = await Db.Store.QueryAsync(
            WorkspaceId.Parse("acme"),
            $"SELECT count(*) AS n, count(*) FILTER (WHERE first_message = {Parameter("text")}) AS injected "
            + $"FROM sessions WHERE session_type = {Parameter("type")}",
            parameters, StoreUnderTest.ReadAll, Ct);
        Assert.Equal((1L, 0L), ((long)rows[0]["n"]!, (long)rows[0]["injected"]!));
    }

    [Fact]
    public async Task A_query_that_cannot_run_fails_with_the_database_reason()
    {
        var error = await Assert.ThrowsAsync<QueryFailedException>(() => Db.RowsAsync("SELECT no_such_column FROM sessions"));
        Assert.Contains("no_such_column", error.Message, StringComparison.Ordinal);
    }
}
