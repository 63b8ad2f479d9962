using System.Net;
using System.Text;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Storage.Postgres;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;
using AnalyticsCenter.Web.Api;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// <c>POST /api/v1/events</c> with several writers on PostgreSQL, which takes several writing transactions at once: each
/// request is stored whole or not at all and the answers' counts add up to what the database holds; a DuckDB file keeps
/// one writer.
/// </summary>
public sealed class ConcurrentWritersTests(PostgresServer server) : IAsyncLifetime
{
    private const int Writers = 4;

    private readonly EventLines _acme = new("acme");

    // Another user's timeline: a writer adding the same new timeline as a waiting one would wait for it too.
    private readonly EventLines _acmeOtherUser = new("acme", phone: "573009999999");
    private ServedPostgresStore _served = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        server.SkipUnlessRunning();
        _served = await ServedPostgresStore.OpenAsync(server, new PostgresStoreOptions { CommandTimeout = TimeSpan.FromSeconds(60) }, TimeProvider.System);
        await _served.StartAsync(new WebHostSettings { ConcurrentWriters = Writers, IngestQueueLength = 64, RefreshEvery = null }, TimeProvider.System);
    }

    [Fact]
    public async Task A_request_is_stored_by_a_second_writer_while_the_first_waits_in_the_database()
    {
        using var client = await IngestClientAsync();
        Assert.Equal(Writers, _served.App.Services.GetRequiredService<WriterQueue>().Writers);

        // Another transaction holds event id "held" uncommitted, so the writer that stores it waits on the unique key.
        await using var holder = await OpenAsync();
        await using var held = await holder.BeginTransactionAsync(Ct);
        await ExecuteAsync(holder, "INSERT INTO analytics.events (workspace_id, event_id, type, occurred_at, received_at) " +
            "VALUES ('acme', 'held', 1, now(), now())");
        var waiting = client.PostAsync("/api/v1/events", Ndjson(_acme.Inbound("10:00:00", id: "held"), _acme.Inbound("10:00:05")), Ct);
        await WaitUntilAWriterWaitsOnALockAsync();

        using var other = await client.PostAsync("/api/v1/events", Ndjson(_acmeOtherUser.Inbound("11:00:00"), _acmeOtherUser.Inbound("11:00:05")), Ct);

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal((2L, 0L), await CountsAsync(other));
        Assert.False(waiting.IsCompleted, "the first request still waits for the held event id");
        await held.RollbackAsync(Ct);
        using var first = await waiting;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((2L, 0L), await CountsAsync(first));
        Assert.Equal(4L, await ScalarAsync("SELECT count(*) FROM analytics.events"));
    }

    [Fact]
    public async Task A_writer_whose_transaction_fails_stores_none_of_its_request_and_says_503_with_retry_after_while_another_stores()
    {
        using var client = await IngestClientAsync();
        await using var holder = await OpenAsync();
        await using var held = await holder.BeginTransactionAsync(Ct);
        await ExecuteAsync(holder, "INSERT INTO analytics.events (workspace_id, event_id, type, occurred_at, received_at) " +
            "VALUES ('acme', 'held', 1, now(), now())");
        var failing = client.PostAsync("/api/v1/events", Ndjson(_acme.Inbound("10:00:00", id: "before-held"), _acme.Inbound("10:00:05", id: "held")), Ct);
        var backend = await WaitUntilAWriterWaitsOnALockAsync();
        using var other = await client.PostAsync("/api/v1/events", Ndjson(_acmeOtherUser.Inbound("11:00:00", id: "other")), Ct);

        // The waiting writer's connection is ended mid-transaction, as a restarting server would.
        await ExecuteAsync(holder, $"SELECT pg_terminate_backend({backend})");
        await held.RollbackAsync(Ct);
        using var failed = await failing;

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal(["other"], await EventIdsAsync());
    }

    [Fact]
    public async Task Many_clients_sending_overlapping_batches_at_once_get_answers_that_add_up_to_exactly_the_events_stored()
    {
        using var client = await IngestClientAsync();

        // 40 distinct events in 24 batches of 5, each event in three batches: most of them meet at once in different writers.
        var events = Enumerable.Range(0, 40).Select(i => _acme.Inbound($"10:{i:D2}:00", id: $"event-{i:D2}")).ToList();
        var batches = Enumerable.Range(0, 24).Select(b => Enumerable.Range(0, 5).Select(i => events[(b * 5 + i) % 40]).ToArray()).ToList();
        var answers = await Task.WhenAll(batches.Select(async batch =>
        {
            using var response = await client.PostAsync("/api/v1/events", Ndjson(batch), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await CountsAsync(response);
        }));

        Assert.All(answers, a => Assert.Equal(5L, a.Accepted + a.Duplicates));
        Assert.Equal(40L, answers.Sum(a => a.Accepted));
        Assert.Equal(40L, await ScalarAsync("SELECT count(DISTINCT event_id) FROM analytics.events"));
        Assert.Equal(40L, await ScalarAsync("SELECT count(*) FROM analytics.events"));
    }

    [Fact]
    public async Task A_duckdb_file_keeps_one_writer_whatever_the_settings_ask()
    {
        using var file = new TestStore();
        await using var app = AnalyticsWebApp.Create(
            file.Store, new WebHostSettings { ConcurrentWriters = Writers }, builder => builder.WebHost.UseTestServer());

        Assert.Equal(1, app.Services.GetRequiredService<WriterQueue>().Writers);
    }

    private Task<HttpClient> IngestClientAsync() => _served.ClientAsync("acme", KeyScope.Ingest);

    /// <summary>Waits until one of the store's connections waits for a lock; its backend's process id.</summary>
    private async Task<int> WaitUntilAWriterWaitsOnALockAsync() => (int)(await Waiting.ForAsync(
        async () =>
        {
            await using var connection = await OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
            return await command.ExecuteScalarAsync(Ct);
        },
        pid => pid is int,
        _ => "no writer came to wait for the held event id"))!;

    private static StringContent Ndjson(params string[] lines) => new(string.Join('\n', lines) + "\n", Encoding.UTF8, "application/x-ndjson");

    private static async Task<(long Accepted, long Duplicates)> CountsAsync(HttpResponseMessage response)
    {
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return (answer.GetProperty("accepted").GetInt64(), answer.GetProperty("duplicates").GetInt64());
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_served.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task<List<string>> EventIdsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT event_id FROM analytics.events ORDER BY event_id", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var ids = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        if (_served is not null)
        {
            await _served.DisposeAsync();
        }
    }
}
