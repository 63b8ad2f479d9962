using System.Text;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Uploads;
using AnalyticsCenter.Query;
using AnalyticsCenter.Query.Uploads;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Citus;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;

namespace AnalyticsCenter.Storage.Conformance.Tests.Citus;

/// <summary>
/// A tenant's query and every report go to the one shard that holds the workspace (a router query): Citus's EXPLAIN, run as
/// the workspace's own role, shows one task and nothing planned on the coordinator.
/// </summary>
public sealed class TenantQueryRoutingTests(CitusStores stores) : IClassFixture<CitusStores>, IAsyncLifetime
{
    private PostgresTestStore? _db;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PostgresTestStore Db => _db ?? throw new InvalidOperationException("made in InitializeAsync");

    public async ValueTask InitializeAsync()
    {
        _db = (PostgresTestStore)await stores.CreateAsync();
        var acme = new EventLines();
        var globex = new EventLines(workspace: "globex", phone: "5215559990000");
        await Db.IngestAsync(
            acme.DeploymentCreated("13:00:00", "dep-1"), acme.Status("13:00:04", "dep-1", "delivered"), acme.Inbound("13:02:00", "hola"),
            acme.Inbound("15:00:00", "again"), globex.Inbound("14:00:00", "hi"), globex.AgentAssigned("14:01:00"));
        await Db.RefreshAsync("18:00:00");
    }

    [Theory]
    [InlineData("SELECT count(*) FROM sessions")]
    [InlineData("SELECT d.deployment_id, s.first_message FROM deployments d LEFT JOIN sessions s ON s.session_id = d.session_id")]
    [InlineData("SELECT * FROM sessions ORDER BY session_started_timestamp DESC LIMIT 100")]
    public async Task A_tenant_query_runs_on_one_shard(string sql) =>
        AssertRouted(await ExplainAsTenantAsync(sql, new Dictionary<string, object?>()));

    [Fact]
    public async Task Every_report_runs_on_one_shard()
    {
        foreach (var report in ReadyReport.All)
        {
            AssertRouted(await ExplainAsTenantAsync(report.Sql(SqlDialect.PostgreSql), report.Bind()), report.Name);
        }
    }

    [Fact]
    public async Task Every_report_reading_uploads_runs_on_one_shard()
    {
        var acme = Core.Events.WorkspaceId.Parse("acme");
        var limits = new UploadLimits();
        foreach (var (name, csv) in new[]
        {
            ("ad_spend", "date,meta_source_id,spend,currency\n2026-11-20,120210000000000001,12.50,USD\n"),
            ("conversions", "phone,occurred_at,value\n+573001234567,2026-11-20T14:00:00Z,10\n"),
            ("audience_tags", "phone,tag\n+573001234567,vip\n"),
        })
        {
            var table = await UploadReader.ReadAsync(
                new MemoryStream(Encoding.UTF8.GetBytes(csv)), UploadFormat.Csv, name, new Dictionary<string, UploadColumnType>(), limits, Ct);
            await Db.Store.UploadAsync(acme, table, UploadMode.Create, limits, Ct);
        }

        foreach (var report in ReadyReport.All.Where(r => r.Extras.Count > 0))
        {
            var variant = await ReportVariant.ForWorkspaceAsync(report, Db.Store, Db.Store, acme, Ct);
            Assert.NotNull(variant.Extra);
            AssertRouted(await ExplainAsTenantAsync(variant.Sql(SqlDialect.PostgreSql), variant.Bind()), variant.ToString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }

    private static void AssertRouted(string plan, string? what = null)
    {
        var tasks = plan.Split('\n').Where(line => line.TrimStart().StartsWith("Task Count:", StringComparison.Ordinal)).ToList();
        Assert.True(tasks.Count == 1 && tasks[0].Trim() == "Task Count: 1" && !plan.Contains("Subplan", StringComparison.Ordinal),
            $"{what} is not a router query:\n{plan}");
    }

    /// <summary>EXPLAIN of <paramref name="sql"/> on the coordinator, logged in as acme's query role (made by a first query).</summary>
    private async Task<string> ExplainAsTenantAsync(string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        var acme = Core.Events.WorkspaceId.Parse("acme");
        await Db.Store.QueryAsync(acme, "SELECT 1", new Dictionary<string, object?>(), _ => Task.FromResult(0), Ct);
        var tenant = new NpgsqlConnectionStringBuilder(Db.ConnectionString) { Pooling = false };
        await using (var owner = new NpgsqlConnection(Db.ConnectionString))
        {
            await owner.OpenAsync(Ct);
            await using var find = new NpgsqlCommand(
                "SELECT role_name::text, password FROM analytics.tenant_roles WHERE workspace_id = 'acme' AND purpose = 'query'", owner);
            await using var reader = await find.ExecuteReaderAsync(Ct);
            Assert.True(await reader.ReadAsync(Ct));
            (tenant.Username, tenant.Password) = (reader.GetString(0), reader.GetString(1));
        }

        await using var connection = new NpgsqlConnection(tenant.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                lines.Add(reader.GetString(0));
            }
        }

        return string.Join('\n', lines);
    }
}
