using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// The web tab's way in, against the real host and store: sign-in with a key sets a cookie, every cookie POST needs the
/// page's anti-forgery token, a revoked key's cookie stops working, and a cookie sees only its own workspace.
/// </summary>
public sealed partial class WebSignInTests : IAsyncLifetime
{
    private readonly TestStore _store = new();
    private TestApi _api = null!;
    private string _acmeKey = "";
    private string _globexKey = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var acme = new EventLines("acme");
        var globex = new EventLines("globex", phone: "593991234567");
        await _store.IngestAsync(acme.Inbound("10:00:00", "acme one"), globex.Inbound("11:00:00", "globex secret"));
        await _store.RefreshAsync("18:00:00");
        _api = await TestApi.StartAsync(_store);
        (_acmeKey, _globexKey) = (await _api.KeyAsync("acme"), await _api.KeyAsync("globex"));
    }

    /// <summary>A client that keeps cookies, as a browser does, and does not follow redirects (so tests see them).</summary>
    private (HttpClient Client, CookieJar Jar) Browser() => Browser(_api.App);

    private static (HttpClient Client, CookieJar Jar) Browser(WebApplication app)
    {
        var jar = new CookieJar(app.GetTestServer().CreateHandler());
        return (new HttpClient(jar) { BaseAddress = new Uri("http://localhost/") }, jar);
    }

    private static async Task<string> TokenOn(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path, Ct);
        return TokenField().Match(html) is { Success: true } field ? field.Groups[1].Value : CsrfMeta().Match(html).Groups[1].Value;
    }

    private static Task<HttpResponseMessage> PostSignIn(HttpClient client, string key, string? token) =>
        client.PostAsync("/signin", new FormUrlEncodedContent(token is null
            ? [new("key", key)]
            : new Dictionary<string, string> { ["key"] = key, ["csrf_token"] = token }), Ct);

    /// <summary>Signs in through the form; returns the signed-in client and the token its pages carry.</summary>
    private async Task<(HttpClient Client, CookieJar Jar, string Token)> SignedIn(string key)
    {
        var (client, jar) = Browser();
        var signIn = await PostSignIn(client, key, await TokenOn(client, "/signin"));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return (client, jar, await TokenOn(client, "/sql"));
    }

    private static HttpRequestMessage Query(string sql, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/query") { Content = JsonContent.Create(new { sql }) };
        if (token is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", token);
        }

        return request;
    }

    [Fact]
    public async Task Signing_in_with_a_read_key_sets_an_httponly_strict_cookie_that_opens_the_pages_and_the_api()
    {
        var (client, _) = Browser();
        var signIn = await PostSignIn(client, _acmeKey, await TokenOn(client, "/signin"));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ac_signin=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_acmeKey, cookie, StringComparison.Ordinal);

        var page = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<meta name=\"workspace\" content=\"acme\">", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var status = JsonDocument.Parse(await client.GetStringAsync("/api/v1/status", Ct)).RootElement;
        Assert.Equal("acme", status.GetProperty("workspace").GetString());
    }

    [Fact]
    public async Task The_pages_send_a_browser_without_a_cookie_to_sign_in_and_the_api_answers_401()
    {
        var (client, _) = Browser();
        var page = await client.GetAsync("/reports/retention", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/signin?ReturnUrl=%2Freports%2Fretention", page.Headers.Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/status", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("ack_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", HttpStatusCode.Unauthorized, "unknown, revoked or mistyped")]
    [InlineData("not a key", HttpStatusCode.Unauthorized, "unknown, revoked or mistyped")]
    [InlineData("ingest", HttpStatusCode.Forbidden, "may only send events")]
    public async Task A_wrong_or_ingest_only_key_is_refused_in_words_and_sets_no_cookie(string key, HttpStatusCode expected, string words)
    {
        if (key == "ingest")
        {
            key = (await _store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "bot", KeyScope.Ingest, Ct)).Key;
        }

        var (client, jar) = Browser();
        var signIn = await PostSignIn(client, key, await TokenOn(client, "/signin"));

        Assert.Equal(expected, signIn.StatusCode);
        Assert.Contains(words, await signIn.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Null(jar.Cookies.GetAllCookies()["ac_signin"]);
    }

    [Fact]
    public async Task A_sign_in_form_without_its_anti_forgery_token_is_refused()
    {
        var (client, jar) = Browser();
        await client.GetAsync("/signin", Ct);
        var signIn = await PostSignIn(client, _acmeKey, token: null);

        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Null(jar.Cookies.GetAllCookies()["ac_signin"]);
    }

    [Fact]
    public async Task A_cookie_post_without_the_pages_token_is_refused_and_with_it_runs()
    {
        var (client, _, token) = await SignedIn(_acmeKey);

        var forged = await client.SendAsync(Query("SELECT first_message FROM sessions", token: null), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("anti-forgery", await forged.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
        var wrong = await client.SendAsync(Query("SELECT first_message FROM sessions", token: token[..^4] + "AAAA"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var savedWithoutToken = await client.PostAsJsonAsync("/api/v1/saved-queries", new { name = "n", sql = "SELECT 1" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, savedWithoutToken.StatusCode);
        Assert.Empty(await _store.Store.ListSavedQueriesAsync(WorkspaceId.Parse("acme"), Ct));

        var genuine = await client.SendAsync(Query("SELECT first_message FROM sessions", token), Ct);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal("acme one", JsonDocument.Parse(await genuine.Content.ReadAsStringAsync(Ct)).RootElement[0].GetProperty("first_message").GetString());
    }

    [Fact]
    public async Task A_sign_in_outlives_a_restart_when_its_keys_are_kept_in_a_folder_of_the_servers()
    {
        var keys = Path.Combine(Path.GetTempPath(), $"ac-signin-keys-{Guid.NewGuid():N}");
        var settings = new WebHostSettings { SignInKeysDirectory = keys };
        try
        {
            string cookie;
            await using (var before = AnalyticsWebApp.Create(_store.Store, settings, b => b.WebHost.UseTestServer()))
            {
                await before.StartAsync(Ct);
                var (client, jar) = Browser(before);
                Assert.Equal(HttpStatusCode.Redirect, (await PostSignIn(client, _acmeKey, await TokenOn(client, "/signin"))).StatusCode);
                cookie = jar.Cookies.GetCookieHeader(new Uri("http://localhost/"));
            }

            Assert.NotEmpty(Directory.EnumerateFiles(keys, "key-*.xml"));
            await using var after = AnalyticsWebApp.Create(_store.Store, settings, b => b.WebHost.UseTestServer());
            await after.StartAsync(Ct);
            using var returning = after.GetTestClient();
            returning.DefaultRequestHeaders.Add("Cookie", cookie);
            Assert.Equal(HttpStatusCode.OK, (await returning.GetAsync("/api/v1/status", Ct)).StatusCode);
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
        }
    }

    [Fact]
    public async Task A_bearer_post_needs_no_anti_forgery_token()
    {
        using var client = _api.Client(_acmeKey);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Query("SELECT 1 AS one", token: null), Ct)).StatusCode);
    }

    [Fact]
    public async Task Revoking_the_key_ends_its_browser_sign_in_at_once()
    {
        var (client, _, _) = await SignedIn(_acmeKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/status", Ct)).StatusCode);

        await _store.Store.RevokeKeyAsync(ApiKeyFormat.Parse(_acmeKey)!.KeyId, Ct);

        var api = await client.GetAsync("/api/v1/status", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Contains("sign in again", await api.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var page = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_needs_the_token_and_ends_the_sign_in()
    {
        var (client, _, token) = await SignedIn(_acmeKey);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/signout", new FormUrlEncodedContent([]), Ct)).StatusCode);
        var signOut = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["csrf_token"] = token }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/status", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_cookie_of_another_workspace_sees_and_changes_only_its_own()
    {
        var acmeQuery = await _store.Store.SaveQueryAsync(WorkspaceId.Parse("acme"), "acme only", "SELECT 1", Actor.Cli(null), Ct);
        var (client, _, token) = await SignedIn(_globexKey);

        var rows = await client.SendAsync(Query("SELECT first_message FROM sessions", token), Ct);
        var seen = JsonDocument.Parse(await rows.Content.ReadAsStringAsync(Ct)).RootElement.EnumerateArray()
            .Select(r => r.GetProperty("first_message").GetString());
        Assert.Equal(["globex secret"], seen);
        Assert.Equal("[]", await client.GetStringAsync("/api/v1/saved-queries", Ct));
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/saved-queries/{acmeQuery.Id}");
        delete.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(delete, Ct)).StatusCode);
        Assert.Equal([acmeQuery], await _store.Store.ListSavedQueriesAsync(WorkspaceId.Parse("acme"), Ct));
    }

    [Theory]
    [InlineData("/reports", "/reports")]
    [InlineData("/reports/retention?from=2026-11-01", "/reports/retention?from=2026-11-01")]
    [InlineData("~/sql", "/sql")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/\r/evil.example", "/")]
    [InlineData("/\n/evil.example", "/")]
    [InlineData("/\0/evil.example", "/")]
    [InlineData("/\\/evil.example", "/")]
    [InlineData("\\\\evil.example", "/")]
    [InlineData(" //evil.example", "/")]
    [InlineData("~//evil.example", "/")]
    [InlineData("~/\\evil.example", "/")]
    [InlineData("%2F%2Fevil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("http:evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("evil.example", "/")]
    [InlineData("/caf\u00e9", "/")]
    [InlineData("", "/")]
    public async Task Sign_in_returns_only_to_a_path_of_this_site(string returnUrl, string location)
    {
        var query = "/signin?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var (client, _) = Browser();
        var form = await client.GetAsync(query, Ct);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var token = TokenField().Match(await form.Content.ReadAsStringAsync(Ct)).Groups[1].Value;

        var signIn = await client.PostAsync(query, new FormUrlEncodedContent(
            new Dictionary<string, string> { ["key"] = _acmeKey, ["csrf_token"] = token }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(location, signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Failed_sign_ins_from_one_address_are_throttled_with_retry_after()
    {
        await using var api = await TestApi.StartAsync(new TestStore(), new WebHostSettings { FailedSignInsPerAddress = 2 }, ClientAddresses.AddTo);
        var key = await api.KeyAsync("acme");
        var (client, _) = Browser(api.App);
        client.DefaultRequestHeaders.Add(ClientAddresses.Header, "192.0.2.7");
        var token = await TokenOn(client, "/signin");

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostSignIn(client, "ack_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostSignIn(client, "not a key", token)).StatusCode);
        var throttled = await PostSignIn(client, key, token);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(1), throttled.Headers.RetryAfter?.Delta);
        Assert.Contains("no key is checked from it", await throttled.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // The same address's Bearer keys wait too: the count is the address's, whatever way it tries.
        using var bearer = api.Client(key);
        bearer.DefaultRequestHeaders.Add(ClientAddresses.Header, "192.0.2.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await bearer.GetAsync("/api/v1/status", Ct)).StatusCode);

        var (elsewhere, _) = Browser(api.App);
        elsewhere.DefaultRequestHeaders.Add(ClientAddresses.Header, "192.0.2.8");
        Assert.Equal(HttpStatusCode.Redirect, (await PostSignIn(elsewhere, key, await TokenOn(elsewhere, "/signin"))).StatusCode);
    }

    [Fact]
    public async Task The_pages_and_assets_carry_a_policy_without_inline_script_or_style()
    {
        var (client, _, _) = await SignedIn(_acmeKey);
        foreach (var path in new[] { "/", "/signin", "/api/docs", "/assets/app.js", "/assets/app.css" })
        {
            var response = await client.GetAsync(path, Ct);
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
            Assert.Contains("style-src 'self';", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        }

        var script = await client.GetAsync("/assets/app.js", Ct);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.True((await script.Content.ReadAsByteArrayAsync(Ct)).Length > 100_000, "the bundle is built and embedded");
        var html = await client.GetStringAsync("/sql", Ct);
        Assert.DoesNotMatch("<script>|<script(?![^>]*src=)|<style|style=", html);
    }

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    [GeneratedRegex("name=\"csrf_token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\">")]
    private static partial Regex CsrfMeta();
}
