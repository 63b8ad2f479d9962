using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AnalyticsCenter.Web.BrowserTests;

/// <summary>
/// One browser profile (its own cookies) at a given width, in the Europe/Madrid time zone, that records every console
/// error and failed request (a Content-Security-Policy violation shows up as one) so a test can insist there were none.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly WebTabFixture _web;

    private BrowserSession(WebTabFixture web, IBrowserContext context, IPage page)
    {
        _web = web;
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => Errors.Add(error);
    }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions seen so far.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Fails with every error seen, but those containing one of <paramref name="expected"/>.</summary>
    public void AssertNoErrors(params string[] expected)
    {
        var unexpected = Errors.Where(error => !expected.Any(e => error.Contains(e, StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, "the browser reported: " + string.Join("\n", unexpected));
    }

    public static async Task<BrowserSession> OpenAsync(WebTabFixture web, int width = 1280, int height = 900)
    {
        var context = await web.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            TimezoneId = "Europe/Madrid",
            Locale = "en-GB",
        });
        return new BrowserSession(web, context, await context.NewPageAsync());
    }

    public string Url(string path) => _web.BaseUrl + path;

    /// <summary>Signs in through the sign-in page with <paramref name="key"/> and waits for the overview.</summary>
    public async Task SignInAsync(string key)
    {
        await Page.GotoAsync(Url("/"));
        await Page.FillAsync("#key", key);
        await Page.ClickAsync("#key-signin");
        await AtOverviewAsync();
    }

    /// <summary>
    /// Waits until a sign-in has brought the browser to the overview, drawn. It polls the address rather than use
    /// WaitForURLAsync, which also waits for the page's load event: a run on a loaded machine saw the address change
    /// and no load event for 90 s. A cold server on such a machine can take longer than Playwright's 30 s to answer.
    /// </summary>
    public async Task AtOverviewAsync()
    {
        await AtAsync("/", 90_000);
        await DrawnAsync();
    }

    /// <summary>
    /// Waits until the browser is at <paramref name="path"/>, with any query (the overview adds its dates), polling the
    /// address as <see cref="AtOverviewAsync"/> says why.
    /// </summary>
    public Task AtAsync(string path, float timeout = 30_000) => Assertions.Expect(Page).ToHaveURLAsync(
        new Regex($"^{Regex.Escape(Url(path))}(\\?.*)?$"), new PageAssertionsToHaveURLOptions { Timeout = timeout });

    /// <summary>Opens a page and waits until its script has drawn it.</summary>
    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(Url(path));
        await DrawnAsync();
    }

    /// <summary>Waits until the page's script has drawn it (no "Loading…" left).</summary>
    private async Task DrawnAsync()
    {
        await Page.WaitForSelectorAsync("#main > :not(p.muted)");
        await Page.WaitForFunctionAsync("() => !document.querySelector('#main').textContent.includes('Loading…')");
    }

    /// <summary>
    /// Replaces the SQL editor's text by typing, as a person would. (Playwright's fill edits the DOM natively, which makes
    /// Chromium add style attributes that the page's CSP refuses.)
    /// </summary>
    public async Task TypeSqlAsync(string sql)
    {
        await Page.ClickAsync(".cm-content");
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.PressAsync("Delete");
        await Page.Keyboard.TypeAsync(sql);
    }

    /// <summary>Saves a full-page screenshot as NAME.png in the screenshot folder and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(WebTabFixture.ScreenshotFolder, name + ".png");
        // Caret "initial": hiding it would make Playwright add a <style> element, which the page's CSP rightly refuses.
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Caret = ScreenshotCaret.Initial });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
        return path;
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
