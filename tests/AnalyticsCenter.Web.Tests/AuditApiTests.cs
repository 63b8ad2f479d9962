using System.Net;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// <c>GET /api/v1/audit</c> over the real host and a DuckDB store: an admin reads the workspace's log in pages, with who
/// signed in and what they changed; viewers, analysts and non-admin keys are refused; another workspace's entries never show.
/// </summary>
public sealed class AuditApiTests : IAsyncLifetime
{
    private TeamHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await TeamHost.StartAsync(new DuckDbStores());

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(WorkspaceRole.Viewer)]
    [InlineData(WorkspaceRole.Analyst)]
    public async Task A_viewer_or_analyst_cannot_read_the_audit_log(WorkspaceRole role)
    {
        var person = await _host.PersonAsync("acme", role, "pat@acme.example");

        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _host.KeyClientAsync("acme", KeyScope.Read)).GetAsync("/api/v1/audit", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_audit_page_of_the_web_tab_is_for_admins_only()
    {
        var admin = await _host.PersonAsync("acme", WorkspaceRole.Admin, "ada@acme.example");
        var analyst = await _host.PersonAsync("acme", WorkspaceRole.Analyst, "pat@acme.example", "192.0.2.2");

        var page = await admin.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-page=\"audit\"", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/audit")).StatusCode);
    }

    [Fact]
    public async Task An_admin_reads_sign_ins_and_changes_of_their_workspace_only_newest_first_in_pages()
    {
        var admin = await _host.PersonAsync("acme", WorkspaceRole.Admin, "ada@acme.example");
        Assert.Equal(HttpStatusCode.Unauthorized, (await TeamHost.SignInAsync(_host.Browser("192.0.2.9"), "ada@acme.example", "wrong password!")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TeamHost.SignInAsync(_host.Browser("192.0.2.8"), "ada@acme.example", TeamHost.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(HttpMethod.Post, "/api/v1/keys", new { name = "nightly", scope = "read" })).StatusCode);
        await (await _host.KeyClientAsync("globex", KeyScope.Admin)).PostAsync("/api/v1/keys", new StringContent("{}"), Ct);

        var first = await PageAsync(admin, "/api/v1/audit?limit=2");
        var second = await PageAsync(admin, $"/api/v1/audit?limit=2&before={first.GetProperty("next_before").GetInt64()}");

        Assert.Equal(["ApiKeyCreated", "SignIn"], Actions(first));
        Assert.Equal(["SignInFailed"], Actions(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_before").ValueKind);
        var failed = second.GetProperty("entries")[0];
        Assert.Equal(("Refused", "ada@acme.example"), (failed.GetProperty("outcome").GetString(), failed.GetProperty("actor").GetString()));
        Assert.Equal("nightly", first.GetProperty("entries")[0].GetProperty("object_name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/audit?limit=0")).StatusCode);
    }

    private static async Task<JsonElement> PageAsync(SignedInBrowser browser, string path)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
    }

    private static IEnumerable<string?> Actions(JsonElement page) =>
        page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString());
}
