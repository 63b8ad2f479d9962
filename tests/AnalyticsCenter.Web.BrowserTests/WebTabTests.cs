using System.Globalization;
using System.Text.RegularExpressions;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Web.BrowserTests;

/// <summary>The web tab as a person uses it, in Chromium, against the real app and store.</summary>
public sealed class WebTabTests(WebTabFixture web) : IClassFixture<WebTabFixture>
{
    private static readonly string[] s_pages = ["/", "/tables", "/tables?table=deployments", "/sql", "/reports"];

    private static string ShotName(string path) =>
        path == "/" ? "overview" : Regex.Replace(path.Trim('/'), "[^a-z0-9]+", "-");

    [Fact]
    public async Task A_wrong_key_is_refused_on_the_sign_in_page()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.Page.GotoAsync(browser.Url("/sql"));
        Assert.StartsWith(browser.Url("/signin"), browser.Page.Url, StringComparison.Ordinal);

        await browser.Page.FillAsync("#key", "ack_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        await browser.Page.ClickAsync("#key-signin");

        Assert.Contains("unknown, revoked or mistyped", await browser.Page.TextContentAsync(".error"), StringComparison.Ordinal);
        await browser.ScreenshotAsync("signin-refused");
    }

    [Fact]
    public async Task Signing_in_shows_the_overview_with_freshness_and_five_trends_and_signing_out_ends_it()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        await browser.OpenAsync("/");

        var freshness = await browser.Page.TextContentAsync(".freshness");
        Assert.Contains("as of 20 Nov 2026, 00:00 UTC", freshness, StringComparison.Ordinal);
        Assert.Contains("next refresh at 20 Nov 2026, 03:00 UTC", freshness, StringComparison.Ordinal);
        Assert.Equal(["Sessions", "Deployments", "Delivery rate", "Average duration", "Average active duration"],
            await browser.Page.Locator(".metric h2").AllTextContentsAsync());
        Assert.Equal(5, await browser.Page.Locator(".metric .trend canvas").CountAsync());

        await browser.Page.ClickAsync("text=Sign out");
        await browser.AtAsync("/signin");
        await browser.Page.GotoAsync(browser.Url("/tables"));
        Assert.StartsWith(browser.Url("/signin"), browser.Page.Url, StringComparison.Ordinal);
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Every_page_and_every_report_draws_without_errors_at_desktop_width()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        foreach (var path in s_pages)
        {
            await browser.OpenAsync(path);
            Assert.Equal(0, await browser.Page.Locator(".problem").CountAsync());
            await browser.ScreenshotAsync(ShotName(path));
        }

        foreach (var report in ReadyReport.All)
        {
            await browser.OpenAsync($"/reports/{report.Name}");
            Assert.Equal(report.Title, await browser.Page.TextContentAsync("h1"));
            Assert.Equal(0, await browser.Page.Locator(".problem").CountAsync());
            Assert.True(await browser.Page.Locator("table.grid tbody tr").CountAsync() > 0, $"{report.Name} shows no rows");
            // Retention is a cohort grid, not a chart.
            Assert.Equal(report == ReadyReport.Retention ? 0 : 1, await browser.Page.Locator(".chart canvas").CountAsync());
            await browser.ScreenshotAsync("report-" + report.Name);
        }

        await browser.Page.GotoAsync(browser.Url("/api/docs"));
        await browser.Page.WaitForSelectorAsync(".opblock");
        Assert.True(await browser.Page.Locator(".opblock").CountAsync() > 10);
        await browser.ScreenshotAsync("api-docs");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task The_retention_report_says_what_returned_on_day_n_means()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        await browser.OpenAsync("/reports/retention");
        Assert.Contains("started a session on the N-th calendar day after the day of their first session", await browser.Page.TextContentAsync(".note"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_opens_in_the_sql_editor_as_its_exact_query_and_gives_the_same_rows()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        await browser.OpenAsync("/reports/failure-reasons");
        var reportRows = await browser.Page.Locator("table.grid tbody tr").AllInnerTextsAsync();

        await browser.Page.ClickAsync("text=Open in SQL");
        await browser.Page.WaitForURLAsync(new Regex("/sql\\?report=failure-reasons&from="));
        await browser.Page.WaitForSelectorAsync(".cm-content");
        Assert.Contains("coalesce(status_detail, '(no reason given)')", await browser.Page.TextContentAsync(".cm-content"), StringComparison.Ordinal);
        await browser.Page.ClickAsync(".cm-content");
        await browser.Page.Keyboard.PressAsync("Control+Enter");
        await browser.Page.WaitForSelectorAsync(".results table.grid");

        Assert.Equal(reportRows, await browser.Page.Locator(".results table.grid tbody tr").AllInnerTextsAsync());
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task A_query_runs_with_ctrl_enter_charts_and_a_refusal_is_shown_in_words()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        await browser.OpenAsync("/sql");
        await browser.TypeSqlAsync("SELECT session_type, count(*) AS sessions FROM sessions GROUP BY 1 ORDER BY 1");
        await browser.Page.Keyboard.PressAsync("Control+Enter");
        await browser.Page.WaitForSelectorAsync(".results table.grid");
        Assert.Equal(["INBOUND", "OUTBOUND"], await browser.Page.Locator(".results tbody tr td:first-child").AllTextContentsAsync());

        await browser.Page.ClickAsync("button:text-is('Chart')");
        await browser.Page.WaitForSelectorAsync(".results .chart canvas");
        await browser.ScreenshotAsync("sql-chart");

        await browser.TypeSqlAsync("SELECT * FROM ac.api_keys");
        await browser.Page.Keyboard.PressAsync("Control+Enter");
        var refusal = await browser.Page.WaitForSelectorAsync(".results .problem");
        Assert.Contains("The query was refused", await refusal!.TextContentAsync(), StringComparison.Ordinal);
        await browser.ScreenshotAsync("sql-refused");
        // The refused query's 400 is logged by the browser; nothing else may be.
        browser.AssertNoErrors("status of 400");
    }

    [Fact]
    public async Task A_query_is_saved_for_the_workspace_and_loads_again()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        await browser.OpenAsync("/sql");
        await browser.TypeSqlAsync("SELECT count(*) AS failed FROM deployments WHERE delivery_status = 'Failed'");
        await browser.Page.FillAsync("input[aria-label='Query name']", "failed deployments");
        await browser.Page.ClickAsync("button:text-is('Save')");
        await browser.Page.WaitForSelectorAsync(".saved button:text-is('failed deployments')");

        await browser.OpenAsync("/sql");
        await browser.Page.ClickAsync(".saved button:text-is('failed deployments')");
        Assert.Contains("delivery_status = 'Failed'", await browser.Page.TextContentAsync(".cm-content"), StringComparison.Ordinal);
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task The_filtered_rows_download_as_csv()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        await browser.OpenAsync("/tables?table=deployments&status=Failed");

        var download = await browser.Page.RunAndWaitForDownloadAsync(() => browser.Page.ClickAsync(".downloads a:text-is('CSV')"));
        var lines = File.ReadAllLines(await download.PathAsync());

        Assert.Equal("deployments.csv", download.SuggestedFilename);
        Assert.StartsWith("conversation_id,conversation_version,user_country_code", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length > 1);
        Assert.All(lines.Skip(1), line => Assert.Contains(",Failed,", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Switching_the_time_zone_shows_the_same_instants_in_the_new_zone()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        await browser.OpenAsync("/tables");
        await browser.Page.SelectOptionAsync("#time-zone", "UTC");
        await browser.Page.WaitForSelectorAsync("table.grid td.time");
        var cell = browser.Page.Locator("table.grid td.time").First;
        var utc = DateTime.Parse((await cell.GetAttributeAsync("title"))!.Replace(" (UTC)", "", StringComparison.Ordinal),
            CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.Equal(utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), await cell.TextContentAsync());

        await browser.Page.SelectOptionAsync("#time-zone", "America/New_York");
        await browser.Page.WaitForSelectorAsync("table.grid td.time");
        var newYork = TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Equal(newYork.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            await browser.Page.Locator("table.grid td.time").First.TextContentAsync());

        await browser.Page.SelectOptionAsync("#time-zone", "browser");
        await browser.Page.WaitForSelectorAsync("table.grid td.time");
        Assert.Equal("This browser (Europe/Madrid)", await browser.Page.Locator("#time-zone option:checked").TextContentAsync());
    }

    [Fact]
    public async Task The_workspace_default_time_zone_is_named_chosen_at_first_and_used_for_instants()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.GlobexKey);
        await browser.OpenAsync("/");
        Assert.Equal($"Workspace default ({WebTabFixture.GlobexTimeZone})", await browser.Page.Locator("#time-zone option:checked").TextContentAsync());
        // The data ends at midnight UTC on the 20th: 19:00 on the 19th in Bogota (UTC-5).
        Assert.Contains("as of 19 Nov 2026, 19:00", await browser.Page.TextContentAsync(".freshness"), StringComparison.Ordinal);

        await browser.OpenAsync("/tables");
        await browser.Page.WaitForSelectorAsync("table.grid td.time");
        var cell = browser.Page.Locator("table.grid td.time").First;
        var utc = DateTime.Parse((await cell.GetAttributeAsync("title"))!.Replace(" (UTC)", "", StringComparison.Ordinal),
            CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var bogota = TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById(WebTabFixture.GlobexTimeZone));
        Assert.Equal(bogota.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), await cell.TextContentAsync());
        await browser.ScreenshotAsync("workspace-time-zone");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task At_phone_width_the_menu_folds_and_no_page_is_wider_than_the_screen()
    {
        await using var browser = await BrowserSession.OpenAsync(web, width: 390, height: 844);
        await browser.SignInAsync(web.AcmeKey);
        foreach (var path in new[] { "/", "/tables", "/sql", "/reports", "/reports/delivery-rate" })
        {
            await browser.OpenAsync(path);
            Assert.False(await browser.Page.IsVisibleAsync("#nav a[href='/tables']"));
            Assert.True(await browser.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, $"{path} is wider than the phone");
            await browser.ScreenshotAsync("phone-" + ShotName(path == "/reports/delivery-rate" ? "/report-delivery-rate" : path));
        }

        await browser.Page.ClickAsync(".nav-toggle");
        Assert.True(await browser.Page.IsVisibleAsync("#nav a[href='/tables']"));
        await browser.ScreenshotAsync("phone-menu-open");
        browser.AssertNoErrors();
    }
}
