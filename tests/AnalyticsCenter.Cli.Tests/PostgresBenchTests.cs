using System.Globalization;
using System.Text.RegularExpressions;
using AnalyticsCenter.Query;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>
/// <c>analytics bench --db postgresql://…</c>: the store's ingest and refresh against the jsonb peer, in one run; and the
/// reports benchmark served from a PostgreSQL store.
/// </summary>
public sealed class PostgresBenchTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private const string Timing = @"([\d.]+) s \(([\d.]+) CPU-s here, ([\d.]+) CPU-s in the server\)";

    private const string OneEvent =
        """{"event_id":"e1","type":"message.inbound","occurred_at":"2026-11-20T14:00:00Z","workspace_id":"acme",""" +
        """ "line":{"number":"5215550001111","display_name":"Acme"},"user":{"phone":"573001234567"},"message":{"id":"m1","kind":"text","text":"hola"}}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("ac-pgbench-").FullName;

    [Fact]
    public async Task The_benchmark_times_the_store_and_the_jsonb_peer_on_one_database_and_leaves_no_peer_table_behind()
    {
        await using var database = await OwnedDatabase.CreateAsync(server, TestContext.Current.CancellationToken);

        var result = Analytics.Run(_folder, "bench", "--events", "5000", "--dir", "bench", "--db", database.ConnectionString);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var ingest = Regex.Match(
            result.Output, @"ingest:\s+([\d,]+) lines, ([\d,]+) accepted, [\d,]+ duplicates, [\d,]+ rejected in " + Timing + @", [\d,]+ lines/s");
        var refresh = Regex.Match(result.Output, @"refresh: ([\d,]+) sessions, [\d,]+ deployments in " + Timing);
        var total = Regex.Match(
            result.Output, @"total:\s+" + Timing + @" end to end, [\d,]+ events/s, peak memory [\d,]+ MB .*, database ([\d,]+) MB on disk");
        var peer = Regex.Match(
            result.Output,
            @"peer:\s+the same file as jsonb: ([\d,]+) lines copied \(([\d,]+) that jsonb refuses left out\) in " + Timing
            + @", ([\d,]+) sessions \(inactivity only\)");
        Assert.True(ingest.Success && refresh.Success && total.Success && peer.Success, result.Output);
        Assert.Equal(Number(ingest.Groups[1].Value), Number(peer.Groups[1].Value) + Number(peer.Groups[2].Value));
        Assert.True(Number(ingest.Groups[2].Value) > 0 && Number(refresh.Groups[1].Value) > 0 && Number(peer.Groups[6].Value) > 0, result.Output);
        Assert.True(Number(total.Groups[4].Value) > 0, result.Output);
        Assert.Equal(
            Seconds(ingest.Groups[3].Value) + Seconds(refresh.Groups[2].Value), Seconds(total.Groups[1].Value), 0.02);
        Assert.True(Seconds(total.Groups[3].Value) > 0, "the server's CPU is read: " + result.Output);
        Assert.Matches(@"ratio:\s+the store's ingest and refresh took [\d.]+x the peer's time", result.Output);
        Assert.Equal(0L, await ScalarAsync(database, "SELECT count(*) FROM pg_namespace WHERE nspname = 'analytics_bench_peer'"));
        var floor = Regex.Match(
            result.Output,
            @"floor:\s+the same file, its ([\d,]+) stored events and rows, none of the product's own work: reading the JSON " + Timing
            + ", PostgreSQL copying the typed events into a table with no index " + Timing + ", reading them in timeline order " + Timing
            + ", copying the rows " + Timing + "; " + Timing + " in all");
        Assert.True(floor.Success, result.Output);
        Assert.Equal(ingest.Groups[2].Value, floor.Groups[1].Value);
        // The server's CPU is read beside each step (the pattern above); the floor's copies of a few thousand events can round to
        // 0.00 CPU-s on a quiet machine, the peer's jsonb copy of the same file does not.
        Assert.True(Seconds(peer.Groups[5].Value) > 0, "the peer's steps are timed in the server: " + result.Output);
        Assert.Matches(@"keyed:\s+the events' copy into a table with the store's unique key and indexes, .* takes " + Timing, result.Output);
        Assert.Matches(@"cpu:\s+store [\d.]+ CPU-s, peer [\d.]+, floor [\d.]+, floor with the keyed copy [\d.]+", result.Output);
        Assert.Equal(0L, await ScalarAsync(database, "SELECT count(*) FROM pg_namespace WHERE nspname = 'analytics_bench_floor'"));
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "bench"), "floor-*"));
    }

    [Fact]
    public async Task A_database_whose_store_holds_events_is_not_benchmarked()
    {
        await using var database = await DatabaseWithOneEventAsync();

        var result = Analytics.Run(_folder, "bench", "--events", "100", "--dir", "bench", "--db", database.ConnectionString);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("the benchmark needs a store without events", result.Error, StringComparison.Ordinal);
        Assert.Equal(1L, await ScalarAsync(database, "SELECT count(*) FROM analytics.events"));
    }

    [Fact]
    public async Task The_load_benchmark_on_postgresql_counts_only_the_events_it_added_and_finds_them_all_stored()
    {
        await using var database = await DatabaseWithOneEventAsync();

        var run = Analytics.Run(
            _folder, "bench", "load", "--events", "3000", "--clients", "2", "--batch", "500", "--dir", "load", "--db", database.ConnectionString);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var accepted = Regex.Match(run.Output, @"acknowledged: [\d,]+ of [\d,]+ \(([\d,]+) accepted").Groups[1].Value;
        Assert.Contains($"stored:       {accepted} events == {accepted} acknowledged as accepted", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"cpu:\s+serve [\d.]+ CPU-s, clients [\d.]+ CPU-s, database server [\d.]+ CPU-s; serve and database [\d.,]+ µs an event", run.Output);
        Assert.Equal(Number(accepted) + 1, await ScalarAsync(database, "SELECT count(*) FROM analytics.events"));
    }

    [Fact]
    public async Task The_reports_benchmark_builds_its_workspace_in_the_database_and_times_every_report_and_page_served_from_it()
    {
        await using var database = await OwnedDatabase.CreateAsync(server, TestContext.Current.CancellationToken);

        var result = Analytics.Run(_folder, "bench", "reports", "--events", "3000", "--runs", "1", "--dir", "reports", "--db", database.ConnectionString);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var workspace = Regex.Match(result.Output, @"workspace acme: ([\d,]+) sessions, ([\d,]+) deployments");
        Assert.True(workspace.Success, result.Output);
        Assert.Equal(Number(workspace.Groups[1].Value), await ScalarAsync(database, "SELECT count(*) FROM analytics.sessions WHERE workspace_id = 'acme'"));
        Assert.True(Number(workspace.Groups[2].Value) > 0, result.Output);
        const string Timed = @"\s+[\d.]+\s+[\d.]+\s+CPU\s+\d+ \+\s+\d+$";
        Assert.Equal(ReadyReport.All.Count, Regex.Count(result.Output, @"^  report [a-z-]+, computed" + Timed, RegexOptions.Multiline));
        Assert.Equal(ReadyReport.All.Count, Regex.Count(result.Output, @"^  report [a-z-]+, kept" + Timed, RegexOptions.Multiline));
        Assert.Equal(4, Regex.Count(result.Output, @"^  first page of (sessions|deployments)(, filtered)?" + Timed, RegexOptions.Multiline));
        Assert.Matches($@"export /api/v1/exports/sessions.parquet: {workspace.Groups[1].Value} rows", result.Output);
        Assert.Equal(0L, await ScalarAsync(database, "SELECT count(*) FROM analytics.api_keys WHERE revoked_at IS NULL"));
    }

    [Fact]
    public async Task The_reports_benchmark_leaves_a_database_holding_other_events_untouched()
    {
        await using var database = await DatabaseWithOneEventAsync();

        var result = Analytics.Run(_folder, "bench", "reports", "--events", "1000", "--dir", "reports", "--db", database.ConnectionString);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("the benchmark needs a store without events", result.Error, StringComparison.Ordinal);
        Assert.Equal(1L, await ScalarAsync(database, "SELECT count(*) FROM analytics.events"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A store that holds one event, ingested by the program.</summary>
    private async Task<OwnedDatabase> DatabaseWithOneEventAsync()
    {
        var database = await OwnedDatabase.CreateAsync(server, TestContext.Current.CancellationToken);
        var file = Path.Combine(_folder, "one.ndjson");
        await File.WriteAllTextAsync(file, OneEvent + "\n", TestContext.Current.CancellationToken);
        Assert.Equal(0, Analytics.Run(_folder, "ingest", file, "--db", database.ConnectionString).ExitCode);
        return database;
    }

    private static async Task<long> ScalarAsync(OwnedDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.SuperuserConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static long Number(string figure) => long.Parse(figure, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static double Seconds(string figure) => double.Parse(figure, CultureInfo.InvariantCulture);
}
