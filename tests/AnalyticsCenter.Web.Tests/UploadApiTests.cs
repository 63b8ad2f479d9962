using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Uploads;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// <c>PUT/GET/DELETE /api/v1/tables</c>: an admin uploads a table that the workspace's SQL then reads by name; a preview
/// keeps nothing; bad files, oversized bodies and other roles are refused with nothing stored.
/// </summary>
public sealed class UploadApiTests : IAsyncLifetime
{
    private const string AdSpend = "date,meta_source_id,spend,currency\n2026-03-01,ad1,12.50,USD\n2026-03-02,ad1,7,USD\n";

    private readonly TestStore _store = new();
    private TestApi _api = null!;
    private HttpClient _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var acme = new EventLines("acme");
        await _store.IngestAsync(acme.Inbound("10:00:00", "hi"));
        await _store.RefreshAsync("18:00:00");
        _api = await TestApi.StartAsync(_store, new WebHostSettings { Uploads = new UploadLimits { MaxBytesPerWorkspace = 4_000 } });
        _admin = _api.Client(await _api.KeyAsync("acme", KeyScope.Admin));
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("text/csv"));

    [Fact]
    public async Task An_admin_uploads_a_table_that_the_workspace_sql_reads_and_the_list_shows()
    {
        var created = await _admin.PutAsync("/api/v1/tables/ad_spend", Csv(AdSpend), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var result = await _admin.PostAsJsonAsync("/api/v1/query", new { sql = "SELECT sum(spend) AS spend FROM ad_spend", format = "json" }, Ct);
        Assert.Equal("19.5", JsonDocument.Parse(await result.Content.ReadAsStringAsync(Ct)).RootElement[0].GetProperty("spend").ToString());
        using var list = JsonDocument.Parse(await _admin.GetStringAsync("/api/v1/tables", Ct));
        var table = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal("ad_spend", table.GetProperty("name").GetString());
        Assert.Equal(2, table.GetProperty("rows").GetInt64());
        Assert.Equal("decimal", table.GetProperty("columns")[2].GetProperty("type").GetString());
        using var dictionary = JsonDocument.Parse(await _admin.GetStringAsync("/api/v1/dictionary", Ct));
        var listed = dictionary.RootElement.GetProperty("tables").EnumerateArray().Last();
        Assert.Equal(("ad_spend", "spend:decimal"), (listed.GetProperty("name").GetString(),
            listed.GetProperty("columns")[2].GetProperty("name").GetString() + ":" + listed.GetProperty("columns")[2].GetProperty("type").GetString()));
    }

    [Fact]
    public async Task A_preview_shows_inferred_types_and_first_rows_and_keeps_nothing()
    {
        var response = await _admin.PutAsync("/api/v1/tables/ad_spend?preview=true&type=spend=text", Csv(AdSpend), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        using var preview = JsonDocument.Parse(body);

        Assert.Equal(
            ["date", "text", "text", "text"], preview.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        Assert.Equal("2026-03-01", preview.RootElement.GetProperty("first_rows")[0][0].GetString());
        Assert.Equal("[]", await _admin.GetStringAsync("/api/v1/tables", Ct));
    }

    [Fact]
    public async Task A_bad_value_is_refused_with_its_line_and_column_and_nothing_is_stored()
    {
        var response = await _admin.PutAsync("/api/v1/tables/ad_spend?type=spend=decimal", Csv("date,spend\n2026-03-01,1\n2026-03-02,12k\n"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 3, column 2 (spend)", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("[]", await _admin.GetStringAsync("/api/v1/tables", Ct));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_whether_or_not_it_says_its_length()
    {
        var big = "a\n" + string.Concat(Enumerable.Repeat("1234567890\n", 500));
        var declared = await _admin.PutAsync("/api/v1/tables/big", Csv(big), Ct);
        // A pipe's stream cannot tell its length, so the body goes without one and is counted as it is read.
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(big), Ct);
        await pipe.Writer.CompleteAsync();
        var streamed = await _admin.PutAsync("/api/v1/tables/big", new StreamContent(pipe.Reader.AsStream()), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, streamed.StatusCode);
        Assert.Equal("[]", await _admin.GetStringAsync("/api/v1/tables", Ct));
    }

    [Fact]
    public async Task A_read_key_may_list_but_not_upload_or_delete()
    {
        var reader = _api.Client(await _api.KeyAsync("acme"));
        await _admin.PutAsync("/api/v1/tables/ad_spend", Csv(AdSpend), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutAsync("/api/v1/tables/other", Csv(AdSpend), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.DeleteAsync("/api/v1/tables/ad_spend", Ct)).StatusCode);
        Assert.Contains("ad_spend", await reader.GetStringAsync("/api/v1/tables", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("/api/v1/tables/ad_spend", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync("/api/v1/tables/ad_spend", Ct)).StatusCode);
    }

    [Fact]
    public async Task Formula_text_uploaded_comes_back_neutralised_in_csv()
    {
        await _admin.PutAsync("/api/v1/tables/notes", Csv("note\n\"=HYPERLINK(\"\"http://x\"\")\"\n"), Ct);

        using var answer = await _admin.PostAsJsonAsync("/api/v1/query", new { sql = "SELECT note FROM notes", format = "csv" }, Ct);
        var csv = await answer.Content.ReadAsStringAsync(Ct);

        Assert.Equal("note\r\n\"'=HYPERLINK(\"\"http://x\"\")\"\r\n", csv);
    }

    [Theory]
    [InlineData("ad_spend", "date:date,meta_source_id:text,spend:decimal,currency:text")]
    [InlineData("conversions", "phone:text,occurred_at:timestamptz,value:decimal,name:text")]
    [InlineData("audience_tags", "phone:text,tag:text")]
    public async Task Each_template_uploads_as_is_with_the_documented_types(string name, string columns)
    {
        var template = await _admin.GetStringAsync($"/api/v1/tables/templates/{name}.csv", Ct);
        var stored = await _admin.PutAsync($"/api/v1/tables/{name}", Csv(template), Ct);

        using var table = JsonDocument.Parse(await stored.Content.ReadAsStringAsync(Ct));
        Assert.Equal(columns, string.Join(',', table.RootElement.GetProperty("columns").EnumerateArray()
            .Select(c => c.GetProperty("name").GetString() + ":" + c.GetProperty("type").GetString())));
    }

    public ValueTask DisposeAsync()
    {
        _admin.Dispose();
        return _api.DisposeAsync();
    }
}
