using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Web.Tests;

/// <summary>The HTTP API against the real host and a real DuckDB store, as clients with workspace keys see it.</summary>
public sealed class ApiTests : IAsyncLifetime
{
    private readonly TestStore _store = new();
    private TestApi _api = null!;
    private string _acmeKey = "";
    private string _globexKey = "";
    private string _ingestOnlyKey = "";
    private string _revokedKey = "";

    public async ValueTask InitializeAsync()
    {
        var acme = new EventLines("acme");
        var otherUser = new EventLines("acme", phone: "14155552671");
        var globex = new EventLines("globex", phone: "593991234567");
        await _store.IngestAsync(
            acme.Inbound("10:00:00", "acme one"), acme.Inbound("12:00:00", "acme two"), acme.Inbound("14:00:00", "acme three"),
            otherUser.DeploymentCreated("11:00:00", "dep-1"), otherUser.Status("11:00:05", "dep-1", "delivered"),
            otherUser.DeploymentCreated("11:30:00", "dep-2"), otherUser.Status("11:30:05", "dep-2", "failed", 131026, "Message undeliverable"),
            globex.Inbound("10:00:00", "globex secret"));
        await _store.RefreshAsync("18:00:00");

        _acmeKey = (await _store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "test", KeyScope.Read)).Key;
        _globexKey = (await _store.Store.CreateKeyAsync(WorkspaceId.Parse("globex"), "test", KeyScope.Read)).Key;
        _ingestOnlyKey = (await _store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "ingest", KeyScope.Ingest)).Key;
        var revoked = await _store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "old", KeyScope.Admin);
        await _store.Store.RevokeKeyAsync(revoked.Info.KeyId);
        _revokedKey = revoked.Key;

        _api = await TestApi.StartAsync(_store, new WebHostSettings { RequestsPerMinutePerKey = 40 });
    }

    private HttpClient Client(string? key) => _api.Client(key);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    [Theory]
    [InlineData(null)]
    [InlineData("ack_nonsense")]
    [InlineData("not even a key")]
    public async Task A_request_without_a_valid_key_gets_401_problem_details(string? key)
    {
        var response = await Client(key).GetAsync("/api/v1/status", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", (await Json(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_is_refused() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(_revokedKey).GetAsync("/api/v1/status", Ct)).StatusCode);

    [Fact]
    public async Task An_ingest_only_key_cannot_read() =>
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(_ingestOnlyKey).GetAsync("/api/v1/status", Ct)).StatusCode);

    [Fact]
    public async Task Status_tells_the_workspace_its_freshness_and_sizes()
    {
        var status = await Json(await Client(_acmeKey).GetAsync("/api/v1/status", Ct));
        Assert.Equal("acme", status.GetProperty("workspace").GetString());
        Assert.Equal(4, status.GetProperty("sessions").GetInt64());
        Assert.Equal(2, status.GetProperty("deployments").GetInt64());
        Assert.Equal(EventLines.Utc("18:00:00"), status.GetProperty("as_of").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task A_query_runs_as_the_keys_workspace_only()
    {
        var response = await Client(_globexKey).PostAsJsonAsync("/api/v1/query", new { sql = "SELECT first_message FROM sessions" }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await Json(response)).EnumerateArray().ToList();
        Assert.Equal("globex secret", Assert.Single(rows).GetProperty("first_message").GetString());
    }

    [Fact]
    public async Task A_query_can_answer_csv()
    {
        var response = await Client(_acmeKey).PostAsJsonAsync("/api/v1/query",
            new { sql = "SELECT delivery_status, status_detail FROM deployments ORDER BY deployment_id", format = "csv" }, Ct);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("delivery_status,status_detail\r\nDelivered,\r\nFailed,131026: Message undeliverable\r\n", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("SELECT * FROM ac.sessions")]
    [InlineData("DELETE FROM sessions")]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')")]
    [InlineData("SELECT nope FROM sessions")]
    public async Task A_refused_or_failing_query_gets_400_with_the_reason(string sql)
    {
        var response = await Client(_acmeKey).PostAsJsonAsync("/api/v1/query", new { sql }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace((await Json(response)).GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Paging_through_a_table_returns_every_row_once_newest_first()
    {
        var client = Client(_acmeKey);
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Json(await client.GetAsync($"/api/v1/tables/sessions?limit=1{(cursor is null ? "" : "&cursor=" + cursor)}", Ct));
            seen.AddRange(page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("session_started_timestamp").GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(["2026-11-20T14:00:00Z", "2026-11-20T12:00:00Z", "2026-11-20T11:00:05Z", "2026-11-20T10:00:00Z"], seen);
    }

    [Fact]
    public async Task Filters_narrow_a_table_and_bad_ones_are_explained()
    {
        var client = Client(_acmeKey);
        var outbound = await Json(await client.GetAsync("/api/v1/tables/sessions?type=OUTBOUND&country=%2B1", Ct));
        var row = Assert.Single(outbound.GetProperty("rows").EnumerateArray().ToList());
        Assert.Equal(("+1", "OUTBOUND"), (row.GetProperty("user_country_code").GetString(), row.GetProperty("session_type").GetString()));

        var failed = await Json(await client.GetAsync("/api/v1/tables/deployments?status=Failed&from=2026-11-20T11:15:00Z", Ct));
        Assert.Equal("dep-2", Assert.Single(failed.GetProperty("rows").EnumerateArray().ToList()).GetProperty("deployment_id").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/tables/sessions?from=yesterday", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/tables/sessions?cursor=!!", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/tables/sessions?limit=0", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/tables/events", Ct)).StatusCode);
    }

    [Fact]
    public async Task Another_workspaces_rows_are_not_reachable_by_any_filter_or_cursor()
    {
        var globexRows = await Json(await Client(_globexKey).GetAsync("/api/v1/tables/sessions", Ct));
        var globexId = Assert.Single(globexRows.GetProperty("rows").EnumerateArray().ToList()).GetProperty("session_id").GetString();

        var client = Client(_acmeKey);
        var export = await client.GetStringAsync("/api/v1/exports/sessions.csv?country=%2B593", Ct);
        Assert.DoesNotContain("globex", export, StringComparison.Ordinal);
        var query = await Json(await client.PostAsJsonAsync("/api/v1/query", new { sql = $"SELECT * FROM sessions WHERE session_id = '{globexId}'" }, Ct));
        Assert.Empty(query.EnumerateArray());
    }

    [Fact]
    public async Task An_export_streams_every_filtered_row_as_csv()
    {
        var response = await Client(_acmeKey).GetAsync("/api/v1/exports/sessions.csv?type=INBOUND", Ct);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sessions.csv", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("session_id,parent_session_id,", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task An_export_and_a_query_download_as_parquet_files_with_the_same_rows()
    {
        var client = Client(_acmeKey);
        var export = await client.GetAsync("/api/v1/exports/sessions.parquet?type=INBOUND", Ct);
        Assert.Equal("application/vnd.apache.parquet", export.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sessions.parquet", export.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        Assert.Equal(["acme one", "acme three", "acme two"], await ParquetColumn(export, "first_message"));

        var query = await client.PostAsJsonAsync("/api/v1/query",
            new { sql = "SELECT deployment_id FROM deployments WHERE delivery_status = 'Failed'", format = "parquet" }, Ct);
        Assert.Equal(["dep-2"], await ParquetColumn(query, "deployment_id"));

        var refused = await client.PostAsJsonAsync("/api/v1/query", new { sql = "SELECT * FROM ac.events", format = "parquet" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>One column of a downloaded Parquet file, sorted, read back by DuckDB.</summary>
    private static async Task<List<string>> ParquetColumn(HttpResponseMessage response, string column)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = Path.Combine(Path.GetTempPath(), $"ac-api-{Guid.NewGuid():N}.parquet");
        try
        {
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(Ct), Ct);
            using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {column} FROM read_parquet('{file}') ORDER BY 1";
            using var reader = command.ExecuteReader();
            var values = new List<string>();
            while (reader.Read())
            {
                values.Add(reader.GetString(0));
            }

            return values;
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_ready_reports_are_listed_with_their_parameters_and_sql()
    {
        var reports = (await Json(await Client(_acmeKey).GetAsync("/api/v1/reports", Ct))).EnumerateArray().ToList();
        Assert.Equal(10, reports.Count);
        var failures = reports.Single(r => r.GetProperty("name").GetString() == "failure-reasons");
        Assert.Contains("FROM deployments", failures.GetProperty("sql").GetString(), StringComparison.Ordinal);
        Assert.Contains(failures.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "from");
    }

    [Fact]
    public async Task A_report_runs_as_the_keys_workspace_with_its_filters()
    {
        var failures = (await Json(await Client(_acmeKey).GetAsync("/api/v1/reports/failure-reasons", Ct))).EnumerateArray().ToList();
        var failure = Assert.Single(failures);
        Assert.Equal("131026: Message undeliverable", failure.GetProperty("status_detail").GetString());
        Assert.Equal(1, failure.GetProperty("failed").GetInt64());

        var byCountry = (await Json(await Client(_acmeKey).GetAsync("/api/v1/reports/delivery-rate?by=country&from=2026-11-20T00:00:00Z", Ct)))
            .EnumerateArray().ToList();
        var usa = Assert.Single(byCountry);
        Assert.Equal((2L, 1L), (usa.GetProperty("deployments").GetInt64(), usa.GetProperty("delivered").GetInt64()));
        Assert.Equal(0.5, usa.GetProperty("delivery_rate").GetDouble());

        Assert.Empty((await Json(await Client(_globexKey).GetAsync("/api/v1/reports/failure-reasons", Ct))).EnumerateArray());
        var csv = await Client(_acmeKey).GetStringAsync("/api/v1/reports/failure-reasons?format=csv", Ct);
        Assert.StartsWith("status_detail,failed,share\r\n131026: Message undeliverable,1,", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/reports/nope", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/reports/failure-reasons?colour=red", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/reports/failure-reasons?from=monday", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/reports/drop-off?conversation_version=seven", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/reports/duration-trend?tz=Mars/Olympus", HttpStatusCode.BadRequest)]
    public async Task A_bad_report_request_is_explained(string url, HttpStatusCode expected)
    {
        var response = await Client(_acmeKey).GetAsync(url, Ct);
        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await Json(response)).GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_a_policy_without_inline_script()
    {
        var response = await Client(_acmeKey).GetAsync("/api/v1/status", Ct);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var document = await Json(await Client(null).GetAsync("/openapi/v1.json", Ct));
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/query", paths);
        Assert.Contains("/api/v1/tables/{table}", paths);
    }

    [Fact]
    public async Task A_key_over_its_rate_limit_gets_429_with_retry_after()
    {
        var client = Client(_globexKey);
        HttpResponseMessage? last = null;
        for (var i = 0; i < 45 && last?.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            last = await client.GetAsync("/api/v1/status", Ct);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
    }

    public ValueTask DisposeAsync() => _api.DisposeAsync();
}
