using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.Web.Embed;
using Microsoft.AspNetCore.TestHost;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// Embedding over the real host and a DuckDB store: a token the host signed opens a session for its person in its
/// workspace with its role, enforced by the server; a tampered, expired, replayed, foreign-audience or foreign-workspace
/// token gets a page saying so and no session; embed pages may be framed by the configured host only; admins manage the
/// workspace's keys.
/// </summary>
public sealed partial class EmbedSessionTests : IAsyncLifetime
{
    private const string Host = "platform";
    private const string HostOrigin = "https://platform.example";
    private TeamHost _host = null!;
    private CreatedEmbedKey _key = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IEmbedKeys Keys => (IEmbedKeys)_host.Db.Store;

    public async ValueTask InitializeAsync()
    {
        _host = await TeamHost.StartAsync(new DuckDbStores(), new WebHostSettings
        {
            Embed = new EmbedSettings { Hosts = new Dictionary<string, string> { [Host] = HostOrigin } },
        });
        await _host.Db.IngestAsync(
            new EventLines("acme").Inbound("10:00:00", "hello"), new EventLines("globex", phone: "593991234567").Inbound("10:00:00", "hi"));
        await _host.Db.RefreshAsync("12:00:00");
        _key = await Keys.AddEmbedKeyAsync(Host, null, Ct);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A browser inside the host's frame: https, so it keeps the Secure embed cookie, and it does not follow redirects.</summary>
    private HttpClient Browser()
    {
        var site = new Uri("https://localhost/");
        var client = new HttpClient(new CookieJar(_host.App.GetTestServer().CreateHandler(), site)) { BaseAddress = site };
        client.DefaultRequestHeaders.Add(ClientAddresses.Header, "192.0.2.7");
        return client;
    }

    private string Token(
        string role = "analyst", string workspace = "acme", CreatedEmbedKey? key = null, string audience = "analytics-center", TimeSpan? lifetime = null,
        DateTimeOffset? at = null, string? jti = null)
    {
        var signer = key ?? _key;
        var claims = new Dictionary<string, object>
        {
            ["workspace"] = workspace,
            ["role"] = role,
            ["sub"] = "u-42",
            ["name"] = "Ana Lima",
            ["email"] = "ana@platform.example",
            ["zoneinfo"] = "America/Bogota",
            ["theme"] = "dark",
        };
        if (jti is not null)
        {
            claims["jti"] = jti;
        }

        return EmbedTokenSigner.Sign(
            signer.Key.Host, signer.Key.KeyId, signer.Secret, audience, claims, at ?? _host.Db.Time.Now, lifetime ?? TimeSpan.FromMinutes(5));
    }

    private async Task<(HttpClient Browser, string Csrf)> EmbeddedAsync(string role)
    {
        var browser = Browser();
        var opened = await browser.GetAsync("/embed?token=" + Token(role), Ct);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var shell = await browser.GetStringAsync("/", Ct);
        return (browser, CsrfMeta().Match(shell).Groups[1].Value);
    }

    private static Task<HttpResponseMessage> Post(HttpClient browser, string path, object body, string? csrf)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", csrf);
        }

        return browser.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_signed_token_opens_a_session_for_its_person_in_its_workspace_and_role()
    {
        var browser = Browser();
        var opened = await browser.GetAsync("/embed?token=" + Token("analyst") + "&accent=%23ff6600&topbar=hidden", Ct);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.StartsWith("/?embed_session=", opened.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var cookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"), c => c.StartsWith(EmbedSession.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("samesite=none", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        var shell = await browser.GetStringAsync("/", Ct);
        Assert.Contains("<meta name=\"workspace\" content=\"acme\">", shell, StringComparison.Ordinal);
        Assert.Contains("data-role=\"analyst\" data-embed=\"embedded\" data-theme=\"dark\" data-topbar=\"hidden\"", shell, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"accent\" content=\"#ff6600\">", shell, StringComparison.Ordinal);
        Assert.Contains($"<meta name=\"embed-origin\" content=\"{HostOrigin}\">", shell, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"user-time-zone\" content=\"America/Bogota\">", shell, StringComparison.Ordinal);
        Assert.Contains("Ana Lima", shell, StringComparison.Ordinal);

        var status = JsonDocument.Parse(await browser.GetStringAsync("/api/v1/status", Ct)).RootElement;
        Assert.Equal("acme", status.GetProperty("workspace").GetString());
        var csrf = CsrfMeta().Match(shell).Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await Post(browser, "/api/v1/query", new { sql = "SELECT count(*) AS n FROM sessions" }, csrf)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/sql", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_state_changing_request_of_an_embed_session_needs_the_sessions_own_token()
    {
        var (browser, csrf) = await EmbeddedAsync("analyst");

        Assert.Equal(HttpStatusCode.BadRequest, (await Post(browser, "/api/v1/query", new { sql = "SELECT 1" }, null)).StatusCode);
        // One character changed: a token that already ends in 0 gets a 1.
        var tampered = csrf[..^1] + (csrf[^1] == '0' ? "1" : "0");
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(browser, "/api/v1/query", new { sql = "SELECT 1" }, tampered)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(browser, "/api/v1/query", new { sql = "SELECT 1" }, csrf)).StatusCode);
    }

    [Fact]
    public async Task The_role_the_token_names_is_enforced_by_the_server()
    {
        var (viewer, viewerCsrf) = await EmbeddedAsync("viewer");
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/reports/failure-reasons", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(viewer, "/api/v1/query", new { sql = "SELECT 1" }, viewerCsrf)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/sql", Ct)).StatusCode);

        var (analyst, analystCsrf) = await EmbeddedAsync("analyst");
        Assert.Equal(HttpStatusCode.Created, (await Post(analyst, "/api/v1/saved-queries", new { name = "n", sql = "SELECT 1" }, analystCsrf)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/v1/embed/keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/settings", Ct)).StatusCode);

        var (admin, _) = await EmbeddedAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/embed/keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/settings", Ct)).StatusCode);
    }

    public static TheoryData<string, int, string> Refusals => new()
    {
        { "tampered", 401, "signature does not match" },
        { "expired", 401, "has expired" },
        { "replayed", 403, "already used" },
        { "foreign audience", 403, "another service" },
        { "unknown key", 401, "does not know" },
        { "too long-lived", 401, "lives too long" },
        { "not a token", 401, "no embed token" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_token_gets_a_page_saying_why_and_no_session(string kind, int status, string says)
    {
        var token = kind switch
        {
            "tampered" => Tampered(Token("viewer")),
            "expired" => Token(at: _host.Db.Time.Now.AddMinutes(-6)),
            "foreign audience" => Token(audience: "another-service"),
            "unknown key" => Token(key: new CreatedEmbedKey(_key.Key with { KeyId = "0123456789abcdef" }, _key.Secret)),
            "too long-lived" => Token(lifetime: TimeSpan.FromHours(2)),
            "not a token" => "not-a-jwt",
            _ => Token(jti: "used-once"),
        };
        if (kind == "replayed")
        {
            Assert.Equal(HttpStatusCode.Redirect, (await Browser().GetAsync("/embed?token=" + token, Ct)).StatusCode);
        }

        var browser = Browser();
        var refused = await browser.GetAsync("/embed?token=" + token, Ct);

        Assert.Equal(status, (int)refused.StatusCode);
        Assert.StartsWith("text/html", refused.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains(says, await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/status", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_embedded_analysts_saved_query_records_the_hosts_user_and_the_audit_log_shows_the_session_opening_and_the_save()
    {
        var (browser, csrf) = await EmbeddedAsync("analyst");
        var saved = await Post(browser, "/api/v1/saved-queries", new { name = "busy", sql = "SELECT count(*) FROM sessions" }, csrf);
        var admin = await _host.KeyClientAsync("acme", KeyScope.Admin);
        var audit = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/audit", Ct)).RootElement.GetProperty("entries");

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var savedView = JsonDocument.Parse(await saved.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("Ana Lima (embedded from platform)", savedView.GetProperty("created_by").GetString());
        var kept = Assert.Single(await _host.Db.Store.ListSavedQueriesAsync(WorkspaceId.Parse("acme"), Ct));
        Assert.Equal(Actor.Embedded(Host, "u-42", "Ana Lima", "ana@platform.example"), kept.CreatedBy);
        Assert.Equal(["SavedQueryCreated", "EmbedSessionOpened"], audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        foreach (var entry in audit.EnumerateArray())
        {
            var by = entry.GetProperty("by");
            Assert.Equal(
                ("Embedded", "u-42", "ana@platform.example", Host),
                (by.GetProperty("kind").GetString(), by.GetProperty("id").GetString(), by.GetProperty("email").GetString(),
                 by.GetProperty("host").GetString()));
        }

        Assert.Equal("analyst", audit[1].GetProperty("detail").GetString());
        Assert.Equal(kept.Id, audit[0].GetProperty("object_id").GetString());
    }

    [Fact]
    public async Task A_refused_token_a_known_key_signed_is_in_its_workspaces_audit_log_with_the_reason_and_an_unsigned_one_nowhere()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Browser().GetAsync("/embed?token=" + Token(at: _host.Db.Time.Now.AddMinutes(-6)), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Browser().GetAsync("/embed?token=" + Tampered(Token("viewer")), Ct)).StatusCode);

        var entry = Assert.Single(await _host.Db.Store.ReadAuditAsync(WorkspaceId.Parse("acme"), null, null, 10, Ct)).What;
        Assert.Equal((AuditAction.EmbedTokenRefused, AuditOutcome.Refused, "u-42"), (entry.Action, entry.Outcome, entry.Actor.Id));
        Assert.Contains("expired", entry.Detail, StringComparison.Ordinal);
        Assert.Empty(await _host.Db.Store.ReadAuditAsync(WorkspaceId.Parse("globex"), null, null, 10, Ct));
    }

    [Fact]
    public async Task A_token_within_the_clock_skew_of_its_expiry_still_opens()
    {
        var token = Token(at: _host.Db.Time.Now.AddMinutes(-5).AddSeconds(-20));

        Assert.Equal(HttpStatusCode.Redirect, (await Browser().GetAsync("/embed?token=" + token, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_key_made_for_one_workspace_cannot_open_another()
    {
        var acmeOnly = await Keys.AddEmbedKeyAsync("acme-platform", WorkspaceId.Parse("acme"), Ct);

        Assert.Equal(HttpStatusCode.Redirect, (await Browser().GetAsync("/embed?token=" + Token(key: acmeOnly), Ct)).StatusCode);
        var refused = await Browser().GetAsync("/embed?token=" + Token(key: acmeOnly, workspace: "globex"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("may open workspace acme only", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_the_key_ends_the_sessions_it_opened()
    {
        var (browser, _) = await EmbeddedAsync("viewer");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/status", Ct)).StatusCode);

        Assert.True(await Keys.RevokeEmbedKeyAsync(Host, _key.Key.KeyId, null, Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/status", Ct)).StatusCode);
        var page = await browser.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("session has ended", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_pages_may_be_framed_by_the_configured_host_only_and_other_pages_by_no_one()
    {
        var (browser, _) = await EmbeddedAsync("viewer");
        var embedded = await browser.GetAsync("/", Ct);
        var refusal = await Browser().GetAsync("/embed?token=nope", Ct);
        var signIn = await _host.Browser().GetAsync("/signin", Ct);

        foreach (var page in new[] { embedded, refusal })
        {
            Assert.Contains($"frame-ancestors {HostOrigin};", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.False(page.Headers.Contains("X-Frame-Options"));
        }

        Assert.Contains("frame-ancestors 'none';", signIn.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", signIn.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task With_no_host_configured_even_embed_pages_may_not_be_framed()
    {
        await using var bare = await TeamHost.StartAsync(new DuckDbStores());
        var refusal = await bare.Browser().GetAsync("/embed?token=nope", Ct);

        Assert.Contains("frame-ancestors 'none';", refusal.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_adds_lists_and_revokes_the_workspaces_embed_keys_and_sees_each_secret_once()
    {
        var admin = await _host.KeyClientAsync("acme", KeyScope.Admin);

        var first = await admin.PostAsJsonAsync("/api/v1/embed/keys", new { host = "crm" }, Ct);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = JsonDocument.Parse(await first.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("analytics-center", created.GetProperty("audience").GetString());
        Assert.Equal("acme", created.GetProperty("key").GetProperty("workspace").GetString());
        var id = created.GetProperty("key").GetProperty("id").GetString();
        var secret = created.GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/embed/keys", new { host = "crm" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/embed/keys", new { host = "crm" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/embed/keys", new { host = "a b" }, Ct)).StatusCode);

        var listed = await admin.GetStringAsync("/api/v1/embed/keys", Ct);
        Assert.Equal(2, JsonDocument.Parse(listed).RootElement.GetArrayLength());
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.Empty(JsonDocument.Parse(await (await _host.KeyClientAsync("globex", KeyScope.Admin)).GetStringAsync("/api/v1/embed/keys", Ct)).RootElement
            .EnumerateArray());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/embed/keys/crm/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/embed/keys/crm/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _host.KeyClientAsync("acme", KeyScope.Read)).GetAsync("/api/v1/embed/keys", Ct)).StatusCode);
    }

    /// <summary>The token with its role raised to admin on the way, its signature kept: what an attacker in between would try.</summary>
    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("\"viewer\"", "\"admin\"", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\">")]
    private static partial Regex CsrfMeta();
}
