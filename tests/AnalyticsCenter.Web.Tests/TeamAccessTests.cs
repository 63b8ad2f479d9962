using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using Microsoft.AspNetCore.TestHost;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// Teams over the real host and a real store of each kind: people sign in with email and password, roles are enforced by
/// the server per route, invitations and resets are one-time expiring links, wrong passwords lock the account, admins
/// manage people, keys and share links while serving, and a share link opens one report and nothing else.
/// </summary>
public abstract class TeamAccessTests(IStoreFactory stores) : IAsyncLifetime
{
    private TeamHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected virtual WebHostSettings Settings => new() { FailedSignInsPerAccount = 3 };

    public async ValueTask InitializeAsync()
    {
        _host = await TeamHost.StartAsync(stores, Settings);
        await _host.Db.IngestAsync(
            new EventLines("acme").Inbound("10:00:00", "hello"), new EventLines("globex", phone: "593991234567").Inbound("10:00:00", "hi"));
        await _host.Db.RefreshAsync("12:00:00");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task A_viewer_reads_reports_and_tables_but_is_refused_sql_saving_and_admin_routes()
    {
        var viewer = await _host.PersonAsync("acme", WorkspaceRole.Viewer, "vera@example.com");

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/reports/failure-reasons")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/tables/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.SendAsync(HttpMethod.Post, "/api/v1/query", new { sql = "SELECT 1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await viewer.SendAsync(HttpMethod.Post, "/api/v1/saved-queries", new { name = "n", sql = "SELECT 1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/sql")).StatusCode);
        var refused = await viewer.GetAsync("/api/v1/users");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("your role (viewer)", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analyst_runs_and_saves_sql_and_sees_alerts_but_is_refused_keys_users_shares_settings_and_adding_an_alert()
    {
        var analyst = await _host.PersonAsync("acme", WorkspaceRole.Analyst, "ana@example.com");

        Assert.Equal(HttpStatusCode.OK,

            (await analyst.SendAsync(HttpMethod.Post, "/api/v1/query", new { sql = "SELECT count(*) AS n FROM sessions" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await analyst.SendAsync(HttpMethod.Post, "/api/v1/saved-queries", new { name = "n", sql = "SELECT 1" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/sql")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.SendAsync(HttpMethod.Post, "/api/v1/alerts", new { name = "a" })).StatusCode);
        foreach (var path in new[] { "/api/v1/keys", "/api/v1/users", "/api/v1/shares", "/api/v1/bi-access", "/settings", "/team", "/uploads" })
        {
            Assert.True(HttpStatusCode.Forbidden == (await analyst.GetAsync(path)).StatusCode, path);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.SendAsync(HttpMethod.Post, "/api/v1/keys", new { name = "k" })).StatusCode);
        Assert.Empty(await _host.Db.Store.ListKeysAsync(WorkspaceId.Parse("acme"), Ct));
    }

    [Fact]
    public async Task Existing_keys_keep_working_a_read_key_as_an_analyst_and_an_admin_key_as_an_admin()
    {
        using var read = await _host.KeyClientAsync("acme", KeyScope.Read);
        using var admin = await _host.KeyClientAsync("acme", KeyScope.Admin);

        Assert.Equal(HttpStatusCode.OK, (await read.PostAsJsonAsync("/api/v1/query", new { sql = "SELECT 1 AS one" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await read.GetAsync("/api/v1/keys", Ct)).StatusCode);
        Assert.Equal(2, (await Json(await admin.GetAsync("/api/v1/keys", Ct))).GetArrayLength());
    }

    [Fact]
    public async Task An_invitation_link_sets_a_password_once_and_the_person_then_signs_in_with_it()
    {
        using var admin = await _host.KeyClientAsync("acme", KeyScope.Admin);
        var invited = await Json(await admin.PostAsJsonAsync("/api/v1/users", new { email = "Ines@Example.com", role = "analyst" }, Ct));
        var link = invited.GetProperty("url").GetString()!;
        Assert.Equal(("ines@example.com", "analyst", false), (invited.GetProperty("user").GetProperty("email").GetString(),
            invited.GetProperty("user").GetProperty("role").GetString(), invited.GetProperty("user").GetProperty("has_password").GetBoolean()));

        var browser = _host.Browser();
        Assert.Equal(HttpStatusCode.BadRequest, (await TeamHost.SetPasswordAsync(browser, link, "short")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await TeamHost.SetPasswordAsync(browser, link, TeamHost.Password, "something else entirely")).StatusCode);
        var accepted = await TeamHost.SetPasswordAsync(browser, link, TeamHost.Password);
        Assert.Equal((HttpStatusCode.Redirect, "/"), (accepted.StatusCode, accepted.Headers.Location?.ToString()));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/sql", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _host.Browser().GetAsync(new Uri(link).PathAndQuery, Ct)).StatusCode);
        var reused = await _host.Browser().PostAsync(new Uri(link).PathAndQuery,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["password"] = "another long password", ["confirm"] = "another long password" }), Ct);
        Assert.Equal(HttpStatusCode.NotFound, reused.StatusCode);

        var again = _host.Browser("192.0.2.2");
        Assert.Equal(HttpStatusCode.Redirect, (await TeamHost.SignInAsync(again, "INES@example.com", TeamHost.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/status", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_expired_invitation_is_refused()
    {
        using var admin = await _host.KeyClientAsync("acme", KeyScope.Admin);
        var link = (await Json(await admin.PostAsJsonAsync("/api/v1/users", new { email = "late@example.com" }, Ct))).GetProperty("url").GetString()!;
        _host.Db.Time.Now = _host.Db.Time.Now.Add(new WebHostSettings().InvitationLifetime);

        Assert.Equal(HttpStatusCode.NotFound, (await _host.Browser().GetAsync(new Uri(link).PathAndQuery, Ct)).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_from_any_address_even_against_the_right_one()
    {
        var person = await _host.PersonAsync("acme", WorkspaceRole.Viewer, "pat@example.com");

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var wrong = await TeamHost.SignInAsync(_host.Browser($"198.51.100.{attempt + 1}"), person.User.Email, "not the password at all");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var locked = await TeamHost.SignInAsync(_host.Browser("203.0.113.9"), person.User.Email, TeamHost.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.NotNull(locked.Headers.RetryAfter);
    }

    [Fact]
    public async Task An_unknown_email_is_answered_as_a_wrong_password()
    {
        var refused = await TeamHost.SignInAsync(_host.Browser(), "nobody@example.com", TeamHost.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("That email and password do not match.", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_link_replaces_the_password()
    {
        var person = await _host.PersonAsync("acme", WorkspaceRole.Viewer, "rita@example.com");
        var admin = await _host.PersonAsync("acme", WorkspaceRole.Admin, "boss@example.com", "192.0.2.7");

        var reset = await Json(await admin.SendAsync(HttpMethod.Post, $"/api/v1/users/{person.User.UserId}/password-reset"));
        Assert.Equal("reset", reset.GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.Redirect,
            (await TeamHost.SetPasswordAsync(_host.Browser(), reset.GetProperty("url").GetString()!, "a brand new password")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await TeamHost.SignInAsync(_host.Browser("192.0.2.3"), person.User.Email, TeamHost.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TeamHost.SignInAsync(_host.Browser("192.0.2.4"), person.User.Email, "a brand new password")).StatusCode);
    }

    [Fact]
    public async Task An_admin_changes_a_role_which_applies_at_the_next_request_and_removing_signs_the_person_out()
    {
        var admin = await _host.PersonAsync("acme", WorkspaceRole.Admin, "boss@example.com");
        var person = await _host.PersonAsync("acme", WorkspaceRole.Viewer, "val@example.com", "192.0.2.8");
        Assert.Equal(HttpStatusCode.Forbidden, (await person.SendAsync(HttpMethod.Post, "/api/v1/query", new { sql = "SELECT 1" })).StatusCode);

        var changed = await Json(await admin.SendAsync(HttpMethod.Patch, $"/api/v1/users/{person.User.UserId}", new { role = "analyst" }));
        Assert.Equal("analyst", changed.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await person.SendAsync(HttpMethod.Post, "/api/v1/query", new { sql = "SELECT 1 AS one" })).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/users/{admin.User.UserId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/users/{person.User.UserId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.GetAsync("/api/v1/status")).StatusCode);
        Assert.Equal(["boss@example.com"],
            (await Json(await admin.GetAsync("/api/v1/users"))).EnumerateArray().Select(u => u.GetProperty("email").GetString()));
    }

    [Fact]
    public async Task An_admin_creates_lists_and_revokes_keys_while_serving_and_only_its_own()
    {
        var admin = await _host.PersonAsync("acme", WorkspaceRole.Admin, "boss@example.com");
        var foreign = await _host.Db.Store.CreateKeyAsync(WorkspaceId.Parse("globex"), "theirs", KeyScope.Read, Ct);

        var created = await Json(await admin.SendAsync(HttpMethod.Post, "/api/v1/keys", new { name = "loader", scope = "ingest" }));
        var id = created.GetProperty("info").GetProperty("id").GetString();
        Assert.Equal("ingest", created.GetProperty("info").GetProperty("scope").GetString());
        Assert.Equal(id, (await _host.Db.Store.AuthenticateAsync(created.GetProperty("key").GetString()!, Ct))?.KeyId);
        Assert.Equal([id], (await Json(await admin.GetAsync("/api/v1/keys"))).EnumerateArray().Select(k => k.GetProperty("id").GetString()));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/keys/{foreign.Info.KeyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/keys/{id}")).StatusCode);
        Assert.Null(await _host.Db.Store.AuthenticateAsync(created.GetProperty("key").GetString()!, Ct));
        Assert.NotNull(await _host.Db.Store.AuthenticateAsync(foreign.Key, Ct));
    }

    [Fact]
    public async Task A_share_link_opens_its_report_with_its_filters_and_nothing_else_until_revoked()
    {
        using var admin = await _host.KeyClientAsync("acme", KeyScope.Admin);
        var created = await Json(await admin.PostAsJsonAsync("/api/v1/shares",
            new { report = "failure-reasons", filters = new Dictionary<string, string> { ["from"] = "2026-11-20T00:00:00Z" }, expires_in_days = 7 }, Ct));
        var path = new Uri(created.GetProperty("url").GetString()!).PathAndQuery;
        var token = path["/share/".Length..];
        using var anyone = _host.App.GetTestClient();

        var page = await anyone.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Set-Cookie"));
        var shared = (await anyone.GetStringAsync(path + "/rows", Ct));
        var direct = await admin.GetStringAsync("/api/v1/reports/failure-reasons?from=2026-11-20T00:00:00Z", Ct);
        Assert.Equal(direct, shared);

        anyone.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anyone.GetAsync("/api/v1/status", Ct)).StatusCode);
        anyone.DefaultRequestHeaders.Authorization = null;
        Assert.Equal(HttpStatusCode.Redirect, (await _host.Browser().GetAsync("/", Ct)).StatusCode);

        var id = created.GetProperty("link").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/shares/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync(path, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync(path + "/rows", Ct)).StatusCode);
        Assert.False((await Json(await admin.GetAsync("/api/v1/shares", Ct)))[0].GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task An_expired_share_link_is_refused()
    {
        using var admin = await _host.KeyClientAsync("acme", KeyScope.Admin);
        var created = await Json(await admin.PostAsJsonAsync("/api/v1/shares", new { report = "failure-reasons", expires_in_days = 1 }, Ct));
        var path = new Uri(created.GetProperty("url").GetString()!).PathAndQuery;
        _host.Db.Time.Now = _host.Db.Time.Now.AddDays(1);

        using var anyone = _host.App.GetTestClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync(path, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync(path + "/rows", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("no-such-report", null)]
    [InlineData("failure-reasons", "not-a-filter")]
    public async Task A_share_link_to_an_unknown_report_or_filter_is_refused_when_made(string report, string? filter)
    {
        using var admin = await _host.KeyClientAsync("acme", KeyScope.Admin);
        var filters = filter is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [filter] = "x" };

        var refused = await admin.PostAsJsonAsync("/api/v1/shares", new { report, filters }, Ct);

        Assert.True(refused.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, refused.StatusCode.ToString());
        Assert.Empty(await _host.Db.Store.ListShareLinksAsync(WorkspaceId.Parse("acme"), Ct));
    }
}
