using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Web.Embed;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace AnalyticsCenter.Web.BrowserTests;

/// <summary>
/// The tab inside a host platform, in Chromium: the sample host page (<see cref="EmbedSampleHost"/>) on another origin,
/// <c>http://localhost:PORT</c>, a different site from the tab's <c>http://127.0.0.1:PORT</c>, frames the tab with a token it
/// minted; the right workspace and role appear and the frame is sized by the height the tab posts. A tampered, expired or
/// replayed token shows a refusal in the frame; a host whose origin is not configured cannot frame the tab at all.
/// </summary>
public sealed class EmbedTests(WebTabFixture web) : IClassFixture<WebTabFixture>, IAsyncLifetime
{
    private WebApplication _tab = null!;
    private WebApplication _host = null!;
    private WebApplication _foreign = null!;
    private CreatedEmbedKey _key = null!;
    private string _tabUrl = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var keys = web.Store.Store;
        foreach (var old in (await keys.ListEmbedKeysAsync(null, Ct)).Where(k => k.IsActive))
        {
            await keys.RevokeEmbedKeyAsync(old.Host, old.KeyId, null, Ct);
        }

        _key = await keys.AddEmbedKeyAsync(EmbedSampleHost.Name, null, Ct);
        _host = await StartHostAsync();
        _foreign = await StartHostAsync();
        _tab = AnalyticsWebApp.Create(web.Store.Store, new WebHostSettings
        {
            Embed = new EmbedSettings { Hosts = new Dictionary<string, string> { [EmbedSampleHost.Name] = HostUrl(_host) } },
        }, builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }, web.Store.Time);
        await _tab.StartAsync(Ct);
        _tabUrl = _tab.Urls.Single();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { _tab, _host, _foreign })
        {
            await app.DisposeAsync();
        }
    }

    private async Task<WebApplication> StartHostAsync()
    {
        var app = EmbedSampleHost.Create(() => _tabUrl, _key, new EmbedSettings().Audience, "acme", web.Store.Time, builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync(Ct);
        return app;
    }

    /// <summary>The host's address by the name localhost: another site than the tab's 127.0.0.1, as a real platform is.</summary>
    private static string HostUrl(WebApplication host) => host.Urls.Single().Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

    private static IFrameLocator Tab(BrowserSession browser) => browser.Page.FrameLocator("#analytics-tab");

    [Fact]
    public async Task The_host_page_shows_the_tab_in_its_workspace_and_role_sized_by_the_height_it_posts()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.Page.GotoAsync(HostUrl(_host) + "/?role=analyst");

        var tab = Tab(browser);
        Assert.Equal("acme", await tab.Locator("body[data-embed=embedded] .workspace").TextContentAsync());
        Assert.Equal("Paula Platform", await tab.Locator(".who").TextContentAsync());
        Assert.Equal(1, await tab.Locator("nav [data-nav=sql]").CountAsync());
        Assert.Equal(0, await tab.Locator("nav [data-nav=team]").CountAsync());
        await browser.Page.WaitForFunctionAsync("() => /^\\d+$/.test(document.getElementById('frame-height').textContent)");
        var posted = int.Parse(await browser.Page.TextContentAsync("#frame-height") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(posted, 200, 20_000);
        Assert.Equal($"{posted}px", await browser.Page.EvalOnSelectorAsync<string>("#analytics-tab", "frame => frame.style.height"));
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task A_viewer_gets_no_sql_in_the_frame_and_the_server_refuses_it_and_a_dark_theme_hides_the_top_bar()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.Page.GotoAsync(HostUrl(_host) + "/?role=viewer&theme=dark&topbar=hidden");

        var tab = Tab(browser);
        await tab.Locator("body[data-role=viewer][data-theme=dark]").WaitForAsync();
        Assert.False(await tab.Locator(".topbar").IsVisibleAsync());
        Assert.Equal(0, await tab.Locator("nav [data-nav=sql]").CountAsync());

        // Chromium drops the cross-site frame's cookie here, so the session's ticket rides in the address (EmbedTicketCarrier).
        var ticket = new Uri(browser.Page.Frames.Single(f => f != browser.Page.MainFrame).Url).Query;
        await browser.Page.EvalOnSelectorAsync("#analytics-tab", "(frame, url) => { frame.src = url; }", _tabUrl + "/sql" + ticket);
        await tab.Locator("text=Not allowed for your role").WaitForAsync();
    }

    [Theory]
    [InlineData("tampered", "signature does not match")]
    [InlineData("expired", "has expired")]
    [InlineData("replayed", "already used")]
    public async Task A_bad_token_shows_a_refusal_in_the_frame_and_no_data(string kind, string says)
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.Page.GotoAsync(HostUrl(_host) + "/?role=viewer");
        var used = await browser.Page.GetAttributeAsync("#analytics-tab", "src") ?? "";
        await Tab(browser).Locator("body[data-embed=embedded]").WaitForAsync();
        var claims = new Dictionary<string, object> { ["workspace"] = "acme", ["role"] = "viewer", ["sub"] = "x", ["email"] = "x@platform.example" };
        var audience = new EmbedSettings().Audience;
        var url = kind switch
        {
            "tampered" => _tabUrl + "/embed?token=" + EmbedTokenSigner.Sign(
                EmbedSampleHost.Name, _key.Key.KeyId, _key.Secret + "x", audience, claims, web.Store.Time.GetUtcNow(), TimeSpan.FromMinutes(5)),
            "expired" => _tabUrl + "/embed?token=" + EmbedTokenSigner.Sign(
                EmbedSampleHost.Name, _key.Key.KeyId, _key.Secret, audience, claims, web.Store.Time.GetUtcNow().AddMinutes(-10), TimeSpan.FromMinutes(5)),
            _ => used,
        };

        await browser.Page.EvalOnSelectorAsync("#analytics-tab", "(frame, url) => { frame.src = url; }", url);

        var tab = Tab(browser);
        Assert.Contains(says, await tab.Locator("#embed-refusal").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await tab.Locator("meta[name=workspace]").CountAsync());
    }

    [Fact]
    public async Task A_host_whose_origin_is_not_configured_cannot_frame_the_tab()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        var blocked = new TaskCompletionSource<string>();
        browser.Page.Console += (_, message) =>
        {
            if (message.Text.Contains("frame-ancestors", StringComparison.Ordinal))
            {
                blocked.TrySetResult(message.Text);
            }
        };

        await browser.Page.GotoAsync(HostUrl(_foreign) + "/?role=admin");

        Assert.Contains(HostUrl(_host), await blocked.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct), StringComparison.Ordinal);
        var frame = browser.Page.Frames.Single(f => f != browser.Page.MainFrame);
        Assert.DoesNotContain("acme", await frame.ContentAsync(), StringComparison.Ordinal);
    }
}
