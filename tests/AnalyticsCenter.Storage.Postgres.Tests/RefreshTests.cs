using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// Refresh on PostgreSQL: one workspace's refresh touches no other's rows, events or as-of time; one refresher per
/// workspace at a time, others at once; an event a slow writer commits late is still refreshed; the status counts.
/// </summary>
public sealed class RefreshTests(PostgresServer server) : IAsyncLifetime
{
    private readonly EventLines _acme = new("acme");
    private readonly EventLines _globex = new("globex", phone: "593991234567");
    private PgTestStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _store = await PgTestStore.CreateAsync(server);

    public async ValueTask DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task The_status_counts_events_waiting_and_statuses_whose_deployment_is_unknown()
    {
        await _store.IngestAsync(_acme.Inbound("10:00:00"), _acme.Status("10:01:00", "dep-9", "delivered"), _acme.Inbound("15:00:00", id: "later"));
        Assert.Equal((3L, 0L, null), Acme(await _store.Store.GetStatusAsync(WorkspaceId.Parse("acme"), Ct)));

        await _store.RefreshAsync("12:00:00");

        // The 15:00 event occurs after the as-of time; the status names a deployment the store does not have.
        Assert.Equal((1L, 1L, EventLines.Utc("12:00:00")), Acme(await _store.Store.GetStatusAsync(WorkspaceId.Parse("acme"), Ct)));
        await _store.IngestAsync(_acme.DeploymentCreated("10:00:30", "dep-9"));
        Assert.Equal((2L, 1L, EventLines.Utc("12:00:00")), Acme(await _store.Store.GetStatusAsync(cancellationToken: Ct)));
        await _store.RefreshAsync("16:00:00");
        Assert.Equal((0L, 0L, EventLines.Utc("16:00:00")), Acme(await _store.Store.GetStatusAsync(cancellationToken: Ct)));
        Assert.Equal(["Delivered"], await _store.RowsAsync("SELECT delivery_status FROM analytics.deployments WHERE workspace_id = @ws"));

        static (long, long, DateTime?) Acme(IReadOnlyList<WorkspaceStatus> statuses) =>
            Assert.Single(statuses, s => s.Workspace == "acme") is var s ? (s.EventsWaiting, s.StatusesPending, s.AsOfUtc) : default;
    }

    [Fact]
    public async Task An_event_a_slower_writer_commits_after_a_refresh_is_taken_by_the_next_though_later_events_were_refreshed_before_it()
    {
        await _store.IngestAsync(_acme.Inbound("10:00:00", "primero", id: "a1"));
        await using var slow = new NpgsqlConnection(_store.Database.ConnectionString);
        await slow.OpenAsync(Ct);
        await using var transaction = await slow.BeginTransactionAsync(Ct);

        // What an ingest transaction writes, held open: its seq is taken now, before the next ingest's.
        await using (var command = new NpgsqlCommand(
            "WITH e AS (INSERT INTO analytics.events (workspace_id, event_id, type, occurred_at, received_at, timeline_id, details) " +
            "SELECT 'acme', 'slow', 1, '2026-11-20 10:30', '2026-11-20 18:00', timeline_id, '{\"message_text\":\"lento\"}' FROM analytics.timelines " +
            "RETURNING workspace_id, seq) INSERT INTO analytics.refresh_batches SELECT workspace_id, int8multirange(int8range(seq, seq, '[]')) FROM e",
            slow, transaction))
        {
            await command.ExecuteNonQueryAsync(Ct);
        }

        await _store.IngestAsync(_acme.Inbound("11:00:00", "tercero", id: "a3"));
        await _store.RefreshAsync("12:00:00");
        Assert.Equal(["primero|primero", "tercero|tercero"], await LastMessagesAsync());

        await transaction.CommitAsync(Ct);
        await _store.RefreshAsync("12:00:00");

        // 10:30 joins the two sessions an hour apart into one.
        Assert.Equal(["primero|tercero"], await LastMessagesAsync());
    }

    [Fact]
    public async Task A_refresh_waits_for_another_refresher_of_its_workspace_and_not_for_one_of_another_workspace()
    {
        await _store.IngestAsync(_acme.Inbound("10:00:00"), _globex.Inbound("10:00:00"));
        await using var other = await _store.OpenAnotherAsync();
        await using var holder = new NpgsqlConnection(_store.Database.ConnectionString);
        await holder.OpenAsync(Ct);
        await using var held = await holder.BeginTransactionAsync(Ct);
        await using (var lockAcme = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('analytics.refresh acme', 0))", holder, held))
        {
            await lockAcme.ExecuteNonQueryAsync(Ct);
        }

        var acme = _store.Store.RefreshAsync(WorkspaceId.Parse("acme"), EventLines.Utc("12:00:00"), Ct);
        await other.RefreshAsync(WorkspaceId.Parse("globex"), EventLines.Utc("12:00:00"), Ct);

        Assert.False(acme.IsCompleted, "the refresh of acme went on while another refresher held acme");
        Assert.Empty(await _store.SessionsAsync("acme"));
        await held.RollbackAsync(Ct);
        Assert.Equal(1, Assert.Single((await acme).Workspaces).Sessions);
    }

    [Fact]
    public async Task A_refresh_of_all_workspaces_goes_on_with_the_others_while_one_is_held_and_does_it_last()
    {
        await _store.IngestAsync(_acme.Inbound("10:00:00"), _globex.Inbound("10:00:00"));
        await using var holder = new NpgsqlConnection(_store.Database.ConnectionString);
        await holder.OpenAsync(Ct);
        await using var held = await holder.BeginTransactionAsync(Ct);
        await using (var lockAcme = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('analytics.refresh acme', 0))", holder, held))
        {
            await lockAcme.ExecuteNonQueryAsync(Ct);
        }

        var all = _store.RefreshAsync("12:00:00");
        await Waiting.UntilAsync(
            async () => all.IsCompleted || await AsOfAsync("globex") is not null, () => "globex was not refreshed while another refresher held acme");

        Assert.False(all.IsCompleted, "the refresh of all workspaces went on with acme while another refresher held it");
        await held.RollbackAsync(Ct);
        Assert.Equal(["acme", "globex"], (await all).Workspaces.Select(w => w.Workspace));
        Assert.Equal(EventLines.Utc("12:00:00"), await AsOfAsync("acme"));
    }

    [Fact]
    public async Task Several_refreshers_of_one_store_at_once_leave_the_rows_one_refresh_leaves()
    {
        var lines = Enumerable.Range(0, 300).Select(i => new EventLines(phone: $"57300{i % 30:D7}").Inbound($"10:{i / 60:D2}:{i % 60:D2}", $"m{i}")).ToList();
        await _store.IngestAsync(lines);
        await using var other = await _store.OpenAnotherAsync();

        await Task.WhenAll(
            Task.Run(() => _store.RefreshAsync("12:00:00"), Ct),
            Task.Run(() => other.RefreshAsync(EventLines.Utc("12:00:00"), Ct), Ct),
            Task.Run(() => _store.RefreshAsync("12:00:00"), Ct));

        var once = await PgTestStore.CreateAsync(server);
        await using (once)
        {
            await once.IngestAsync(lines);
            await once.RefreshAsync("12:00:00");
            Assert.Equal(await once.SessionsAsync(), await _store.SessionsAsync());
        }
    }

    [Fact]
    public async Task A_refresh_that_fails_midway_leaves_the_previous_tables_whole_and_the_next_one_completes_it()
    {
        await _store.IngestAsync(_acme.Inbound("10:00:00", "hola"), _acme.DeploymentCreated("10:30:00", "dep-1"));
        await _store.RefreshAsync("11:00:00");
        List<string> before = [.. await _store.SessionsAsync(), .. await _store.DeploymentsAsync()];
        await _store.IngestAsync(_acme.Inbound("10:05:00", "otra"), _acme.DeploymentCreated("10:40:00", "dep-2"));

        // The sessions are rewritten first; then the deployments' insert fails.
        await _store.Database.ExecuteAsSuperuserAsync("ALTER TABLE analytics.deployments ADD CONSTRAINT not_yet CHECK (deployment_id <> 'dep-2')", Ct);
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _store.RefreshAsync("12:00:00"));

        Assert.Equal(before, [.. await _store.SessionsAsync(), .. await _store.DeploymentsAsync()]);
        Assert.Equal(EventLines.Utc("11:00:00"), await AsOfAsync("acme"));
        await _store.Database.ExecuteAsSuperuserAsync("ALTER TABLE analytics.deployments DROP CONSTRAINT not_yet", Ct);
        await _store.RefreshAsync("12:00:00");
        Assert.Equal(["hola|otra"], await LastMessagesAsync());
        Assert.Equal(2, (await _store.DeploymentsAsync()).Count);
    }

    [Theory]
    [InlineData("acme", 1, "ev-1", null)]
    [InlineData("ñandú", 2, "mensaje-ñ", null)]
    [InlineData("acme", 9, "ev-9", "dep-ü")]
    public async Task Session_ids_computed_by_the_refresh_are_those_the_schema_defines(string workspace, short startType, string eventId, string? deploymentId)
    {
        var sql = await _store.RowsAsync("SELECT analytics.session_key(@ws, " + startType + "::smallint, '" + eventId + "', " +
            (deploymentId is null ? "NULL" : "'" + deploymentId + "'") + ")", workspace);
        var computed = deploymentId is null
            ? Core.Sessions.SessionKey.OfEvent(workspace, eventId)
            : Core.Sessions.SessionKey.OfDeployment(workspace, deploymentId);
        Assert.Equal(sql, [computed]);
    }

    private async Task<DateTime?> AsOfAsync(string workspace) =>
        Assert.Single(await _store.Store.GetStatusAsync(WorkspaceId.Parse(workspace), Ct)).AsOfUtc;

    private Task<List<string>> LastMessagesAsync() =>
        _store.RowsAsync("SELECT first_message || '|' || last_message FROM analytics.sessions WHERE workspace_id = @ws");
}
