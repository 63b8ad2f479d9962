using AnalyticsCenter.Core.Text;
using AnalyticsCenter.Storage.Postgres;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Citus;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace AnalyticsCenter.Storage.Conformance.Tests.Citus;

/// <summary>
/// A workspace's refresh works on its shard: Citus's EXPLAIN of each of the refresh's statements, with that workspace's
/// parameters, has the shape named here. The refresh's work tables are sharded beside the events, so every statement but
/// the list of workspaces goes whole to the worker holding the workspace: none is cut into pieces whose rows pass through
/// the coordinator.
/// </summary>
public sealed class RefreshPushdownTests(CitusStores stores) : IClassFixture<CitusStores>, IAsyncLifetime
{
    private PostgresTestStore? _db;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PostgresTestStore Db => _db ?? throw new InvalidOperationException("made in InitializeAsync");

    /// <summary>Each of the refresh's scripts that names a table, and the shape of its plans.</summary>
    private static readonly (string Script, PlanShape Shape)[] s_statements =
    [
        ("Refresh/Workspaces.sql", PlanShape.EveryShard),
        ("Refresh/Settings.sql", PlanShape.Router),
        ("Refresh/TakeQueue.sql", PlanShape.Router),
        ("Refresh/AllTimelines.sql", PlanShape.Router),
        ("Refresh/DirtyTimelines.sql", PlanShape.Router),
        ("Refresh/DeleteDirtyRows.sql", PlanShape.Router),
        ("Refresh/OpenEvents.sql", PlanShape.Router),
        ("Refresh/ReferencedEvents.sql", PlanShape.Router),
        ("Refresh/TimelineUsers.sql", PlanShape.Router),
        ("Refresh/Purge.sql", PlanShape.Router),
        ("Refresh/SaveState.sql", PlanShape.Router),
        ("Refresh/RowCounts.sql", PlanShape.Router),
        ("Refresh/ClearWorkTables.sql", PlanShape.Router),
    ];

    public async ValueTask InitializeAsync()
    {
        _db = (PostgresTestStore)await stores.CreateAsync();
        foreach (var (workspace, phone) in new[] { ("acme", "573001234567"), ("globex", "5215559990000"), ("initech", "14155550100") })
        {
            var lines = new EventLines(workspace: workspace, phone: phone);
            await Db.IngestAsync(
                lines.DeploymentCreated("13:00:00", "dep-1"), lines.Status("13:00:04", "dep-1", "delivered"), lines.Inbound("13:02:00", "hola"),
                lines.Inbound("15:00:00", "again"));
        }

        await Db.RefreshAsync("16:00:00");

        // A queue for the next refresh to take.
        await Db.IngestAsync(new EventLines().Inbound("17:00:00", "later"));
    }

    [Fact]
    public async Task Every_refresh_statement_has_its_plan_shape()
    {
        var worker = await Db.ScalarAsync<int>(
            "SELECT nodeport FROM pg_dist_shard_placement WHERE shardid = get_shard_id_for_distribution_column('analytics.events', 'acme')");
        var shards = await Db.ScalarAsync<long>("SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'analytics.events'::regclass");
        var wrong = new List<string>();
        foreach (var (script, shape) in s_statements)
        {
            foreach (var plan in await ExplainAsync(script))
            {
                var seen = CitusPlan.Read(plan);
                var onTheShard = seen.TaskCounts.Count > 0 && seen.TaskCounts.All(count => count == 1) && seen.Ports.All(port => port == worker);
                var expected = !seen.PassesCoordinator && (shape == PlanShape.Router
                    ? onTheShard
                    : seen.TaskCounts.Count == 1 && seen.TaskCounts[0] == shards);
                if (!expected)
                {
                    wrong.Add($"{script} is not {shape}:\n{plan}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n\n", wrong));
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }

    /// <summary>
    /// EXPLAIN of each statement of <paramref name="script"/> for acme, as the store's owner, in a transaction that is rolled
    /// back.
    /// </summary>
    private async Task<List<string>> ExplainAsync(string script)
    {
        var asOf = new DateTime(2026, 11, 20, 18, 0, 0);
        var parameters = new Dictionary<string, object?>
        {
            ["ws"] = "acme",
            ["queued"] = new NpgsqlRange<long>[] { new(1, true, 3, false) },
            ["prev_as_of"] = asOf.AddHours(-2),
            ["as_of"] = asOf,
            ["cutoff"] = asOf.AddDays(-30),
            ["timeout_us"] = 1_800_000_000L,
            ["refreshed_at"] = asOf,
            ["retention_days"] = 30,
            ["seqs"] = new long[] { 1, 2 },
            ["ids"] = new long[] { 1, 2 },
        };
        await using var connection = new NpgsqlConnection(Db.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        var plans = new List<string>();
        foreach (var statement in Split(Sql(script)))
        {
            await using var command = new NpgsqlCommand("EXPLAIN " + statement, connection);
            foreach (var (name, value) in parameters.Where(p => statement.Contains("@" + p.Key, StringComparison.Ordinal)))
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

            plans.Add(string.Join('\n', lines));
        }

        return plans;

        static string Sql(string name) => EmbeddedText.Read(typeof(PostgresStore).Assembly, name);

        // A script's statements, without their comments (none holds a semicolon in a string).
        static IEnumerable<string> Split(string sql) =>
            string.Join('\n', sql.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)))
                .Split(';').Select(statement => statement.Trim()).Where(statement => statement.Length > 0);
    }
}
