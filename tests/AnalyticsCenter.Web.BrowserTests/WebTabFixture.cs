using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Demo;
using AnalyticsCenter.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace AnalyticsCenter.Web.BrowserTests;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 (a free port) over a real DuckDB store holding a demo month, and Debian's Chromium
/// driven by Playwright. Without /usr/bin/chromium the tests fail, saying how to install it: they never skip.
/// </summary>
public sealed class WebTabFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The end of the generated month, and the refresh's as-of time.</summary>
    public static readonly DateTimeOffset DataEnd = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private readonly TestStore _store = new(time: new FixedTimeProvider(DataEnd.AddHours(1)));
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    /// <summary>A read key of the workspace <c>acme</c>, whose default time zone is UTC.</summary>
    public string AcmeKey { get; private set; } = "";

    /// <summary>A read key of the workspace <c>globex</c>, whose default time zone is <see cref="GlobexTimeZone"/>.</summary>
    public string GlobexKey { get; private set; } = "";

    /// <summary>Not the browser's (Europe/Madrid), so a page in it shows the workspace's zone, not the browser's.</summary>
    public const string GlobexTimeZone = "America/Bogota";

    public IBrowser Browser { get; private set; } = null!;

    public TestStore Store => _store;

    /// <summary>Where every page's screenshot goes (the test's output folder), printed by the tests that write them.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"the browser tests need Debian's Chromium at {ChromiumPath} and it is missing: install it with " +
                "'apt-get update && apt-get install -y --no-install-recommends chromium' (.ci/run does this)");
        }

        using (var events = new MemoryStream())
        {
            new DemoEventGenerator(new DemoOptions { Events = 20_000, End = DataEnd }).Write(events);
            events.Position = 0;
            await _store.Store.IngestAsync(events, new IngestOptions { Source = "demo" });
        }

        await _store.RefreshAsync(DataEnd.UtcDateTime);
        AcmeKey = (await _store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "browser tests", KeyScope.Read)).Key;
        GlobexKey = (await _store.Store.CreateKeyAsync(WorkspaceId.Parse("globex"), "browser tests", KeyScope.Read)).Key;
        await _store.Store.SetTimeZoneAsync(WorkspaceId.Parse("globex"), WorkspaceTimeZone.TryParse(GlobexTimeZone, out var zone) ? zone : default);

        _app = AnalyticsWebApp.Create(_store.Store, new WebHostSettings(), builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            // Alerts are checked within a second of a refresh, so a page shows what the check did without a minute's wait.
            builder.Configuration["Subscriptions:CheckEvery"] = "00:00:01";
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }, _store.Time);
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Test machines run as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _store.Dispose();
    }
}
