using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// Every JSON body the API takes is checked before it is parsed (content type, size, SQL length) and, when it cannot be
/// read, answered with problem details that say what is wrong and where, never an empty 400 or a 500.
/// </summary>
public sealed class RequestBodyTests : IAsyncLifetime
{
    private static readonly string s_deep = "{\"sql\": \"SELECT 1\", \"x\": " + new string('[', 1_000) + new string(']', 1_000) + "}";

    private readonly TestStore _store = new();
    private TestApi _api = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = await TestApi.StartAsync(_store, new WebHostSettings { MaxQueryLength = 50, MaxJsonBodyBytes = 64 * 1024 });
        _client = _api.Client(await _api.KeyAsync("acme", KeyScope.Admin));
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "/api/v1/query", "{\"sql\": \"SELECT 1\"", "not valid JSON (line 1, byte offset 18): Expected depth to be zero" },
        { "/api/v1/query", "{\"sql\": 5}", "\"sql\" must be a string (line 1, byte offset 9)" },
        { "/api/v1/query", "{\n  \"sql\": \"SELECT 1\",\n  \"format\": true\n}", "\"format\" must be a string (line 3, byte offset 16)" },
        { "/api/v1/query", "[]", "must be a JSON object such as {\"sql\": " },
        { "/api/v1/query", "\"SELECT 1\"", "must be a JSON object such as" },
        { "/api/v1/query", "null", "must be a JSON object such as" },
        { "/api/v1/query", "sql=SELECT 1", "not valid JSON (line 1, byte offset 0): 's' is an invalid start of a value." },
        { "/api/v1/query", "{\"sql\": \"SELECT 1\"} trailing", "not valid JSON" },
        { "/api/v1/query", s_deep, "maximum configured depth of 64" },
        { "/api/v1/query", "", "the body is empty; send {\"sql\": " },
        { "/api/v1/query", "{}", "\"sql\" is missing or blank: send {\"sql\": " },
        { "/api/v1/query", "{\"sql\": \"SELECT 1\", \"format\": \"xml\"}", "\"format\" must be json, csv or parquet" },
        { "/api/v1/saved-queries", "{\"name\": \"n\", \"sql\": \"SELECT 1\"", "not valid JSON" },
        { "/api/v1/saved-queries", "{\"name\": [1], \"sql\": \"SELECT 1\"}", "\"name\" must be a string" },
        { "/api/v1/saved-queries", "[]", "must be a JSON object such as {\"name\": " },
        { "/api/v1/saved-queries", s_deep, "maximum configured depth of 64" },
        { "/api/v1/saved-queries", "", "the body is empty" },
        { "/api/v1/events", "[{\"event_id\": ", "not valid JSON" },
        { "/api/v1/events", "{\"event_id\": \"e\"}", "must be an array of events" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_body_gets_400_problem_details_saying_what_and_where(string path, string body, string words)
    {
        var response = await _client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(words, await Detail(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/query", "text/plain")]
    [InlineData("/api/v1/query", "application/x-www-form-urlencoded")]
    [InlineData("/api/v1/saved-queries", "text/plain")]
    [InlineData("/api/v1/query", "application/xml")]
    public async Task A_body_that_is_not_declared_json_gets_415_problem_details(string path, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"sql\": \"SELECT 1\"}"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await _client.PostAsync(path, content, Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("Content-Type: application/json", await Detail(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/query")]
    [InlineData("/api/v1/saved-queries")]
    public async Task A_body_over_the_limit_gets_413_before_it_is_parsed(string path)
    {
        // Not JSON at all: a 413 rather than a 400 shows that nothing read it as JSON.
        var tooBig = new StringContent(new string('x', (64 * 1024) + 1), Encoding.UTF8, "application/json");
        var response = await _client.PostAsync(path, tooBig, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 65,536 bytes", await Detail(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_without_a_length_is_refused_as_it_streams()
    {
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"sql\": \"" + new string(' ', 2 << 20) + "\"}")));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        content.Headers.ContentLength = null;
        var response = await _client.PostAsync("/api/v1/query", content, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/query")]
    [InlineData("/api/v1/saved-queries")]
    public async Task Sql_over_the_length_limit_gets_400_and_at_the_limit_is_taken(string path)
    {
        var atLimit = "SELECT 1 AS n" + new string(' ', 50 - 13);
        var tooLong = await _client.PostAsJsonAsync(path, new { name = "n", sql = atLimit + " " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("the query has 51 characters; the most is 50", await Detail(tooLong), StringComparison.Ordinal);

        var taken = await _client.PostAsJsonAsync(path, new { name = "n", sql = atLimit }, Ct);
        Assert.True(taken.IsSuccessStatusCode, $"{taken.StatusCode}: {await taken.Content.ReadAsStringAsync(Ct)}");
    }

    [Theory]
    [InlineData("GET", "/api/v1/query", HttpStatusCode.MethodNotAllowed, "does not take GET")]
    [InlineData("PUT", "/api/v1/saved-queries", HttpStatusCode.MethodNotAllowed, "does not take PUT")]
    [InlineData("GET", "/api/v1/nope", HttpStatusCode.NotFound, "nothing is served at /api/v1/nope")]
    public async Task An_error_the_framework_answers_carries_problem_details_too(string method, string path, HttpStatusCode expected, string words)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(words, await Detail(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", "{\"key\": \"x\"}")]
    [InlineData("text/plain", "key=x")]
    [InlineData("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nx")]
    public async Task A_sign_in_that_is_not_a_well_formed_form_gets_400_problem_details(string contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = await _api.Client(null).PostAsync("/signin", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(await Detail(response)));
    }

    private static async Task<string> Detail(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("detail").GetString()!;
    }

    public ValueTask DisposeAsync() => _api.DisposeAsync();
}
