using System.Text.RegularExpressions;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Web.BrowserTests;

/// <summary>What an analyst sees: a dashboard that compares and filters, numbers in their units, retention as a cohort grid.</summary>
public sealed partial class DashboardTests(WebTabFixture web) : IClassFixture<WebTabFixture>
{
    // Two weeks with the two weeks before them in the data.
    private const string TwoWeeks = "/?from=2026-11-06&to=2026-11-19";

    [Fact]
    public async Task The_overview_shows_each_kpi_with_its_change_against_the_previous_period_and_dated_trends()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        await browser.OpenAsync(TwoWeeks);

        var versus = await browser.Page.Locator(".metric .versus").AllInnerTextsAsync();
        Assert.Equal(5, versus.Count);
        Assert.All(versus, text => Assert.Matches(Change(), text));
        Assert.All(versus, text => Assert.Contains("(2026-10-23 – 2026-11-05)", text, StringComparison.Ordinal));
        Assert.Matches(@"^\d+(\.\d)?%$", await browser.Page.Locator(".metric:has(h2:text-is('Delivery rate')) .value").InnerTextAsync());
        Assert.Matches(@"^(\d+ h )?\d+ min( \d+ s)?$", await browser.Page.Locator(".metric:has(h2:text-is('Average duration')) .value").InnerTextAsync());
        Assert.Contains("Active duration ends at the user’s last message", await browser.Page.TextContentAsync(".duration-note"), StringComparison.Ordinal);
        Assert.Equal(5, await browser.Page.Locator(".breakdowns .breakdown").CountAsync());
        await browser.ScreenshotAsync("overview-dashboard");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Clicking_a_country_in_a_breakdown_filters_the_whole_page_and_the_filter_can_be_removed()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        await browser.OpenAsync(TwoWeeks);
        var sessions = await Sessions(browser);
        var country = browser.Page.Locator("[data-breakdown=countries] button.row").First;
        var name = await country.Locator(".label").InnerTextAsync();
        Assert.Matches("^[A-Z][a-z]+", name);

        await country.ClickAsync();
        await browser.Page.WaitForSelectorAsync(".chip");

        Assert.Matches(@"country=%2B\d+", browser.Page.Url);
        Assert.Contains($"Country: {name} (+", await browser.Page.InnerTextAsync(".chip"), StringComparison.Ordinal);
        Assert.True(await Sessions(browser) < sessions, "the sessions KPI counts the country's sessions only");
        Assert.Equal([name], await browser.Page.Locator("[data-breakdown=countries] .row .label").AllInnerTextsAsync());
        Assert.Equal("true", await browser.Page.Locator("[data-breakdown=countries] button.row").GetAttributeAsync("aria-pressed"));

        await browser.Page.ClickAsync("button[aria-label='Remove Country filter']");
        await browser.Page.WaitForFunctionAsync("() => !document.querySelector('.chip') && document.querySelectorAll('.metric').length === 5");
        Assert.Equal(sessions, await Sessions(browser));
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Reports_show_rates_as_percentages_durations_in_minutes_and_countries_by_name()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        await browser.OpenAsync("/reports/countries");

        var headers = (await browser.Page.Locator("table.grid th").AllInnerTextsAsync()).ToList();
        Assert.Contains("Delivery rate", headers);
        Assert.Contains("Avg duration", headers);
        var first = await browser.Page.Locator("table.grid tbody tr").First.Locator("td").AllInnerTextsAsync();
        Assert.Matches(@"^(Colombia|Mexico|United States|Ecuador|Peru|Argentina|Chile|Brazil|Spain) \(\+\d+\)$", first[0]);
        Assert.Matches(@"^\d+(\.\d)?%$", first[headers.IndexOf("Delivery rate")]);
        Assert.Matches(@"^(\d+ h \d+ min|\d+ min \d+ s|\d+ s)$", first[headers.IndexOf("Avg duration")]);
        // The table fits its card: nothing is cut at the right edge.
        Assert.True(await browser.Page.EvaluateAsync<bool>(
            "() => { const s = document.querySelector('.grid-scroll'); return s.scrollWidth <= s.clientWidth; }"),
            "the countries table is wider than its card");
        await browser.ScreenshotAsync("report-countries-in-units");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Retention_is_a_cohort_grid_of_days_the_window_can_hold_and_of_weeks()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        await browser.OpenAsync("/reports/retention");

        Assert.Equal(["Cohort", "Users", "Day 1", "Day 3", "Day 7", "Day 14"], await browser.Page.Locator(".cohort-grid thead th").AllInnerTextsAsync());
        var cells = await browser.Page.Locator(".cohort-grid td.cohort-cell").AllInnerTextsAsync();
        Assert.Contains(cells, cell => Regex.IsMatch(cell, @"^\d+(\.\d)?%$"));
        // The last cohorts' day 14 is not over in the data yet.
        Assert.Equal("…", await browser.Page.Locator(".cohort-grid tbody tr").Last.Locator("td.cohort-cell").Last.InnerTextAsync());
        Assert.NotNull(await browser.Page.Locator(".cohort-grid td.cohort-cell:not(.pending)").First.EvaluateAsync<string>("e => e.style.backgroundColor"));
        await browser.ScreenshotAsync("report-retention-cohorts");

        await browser.OpenAsync("/reports/retention?grain=week");
        Assert.Equal(["Cohort", "Users", "Week 1", "Week 2", "Week 3", "Week 4"], await browser.Page.Locator(".cohort-grid thead th").AllInnerTextsAsync());
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Open_in_sql_gives_a_readable_query_with_the_chosen_filters_written_in_and_the_reports_rows()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        await browser.OpenAsync("/reports/delivery-rate?country=%2B57&by=week");
        var reportRows = await browser.Page.Locator("table.grid tbody tr").AllInnerTextsAsync();

        await browser.Page.ClickAsync("text=Open in SQL");
        await browser.Page.WaitForSelectorAsync(".cm-content");
        var sql = (await browser.Page.Locator(".cm-content").InnerTextAsync()).Replace("\u00a0", " ", StringComparison.Ordinal);

        Assert.Contains("d.user_country_code = '+57'", sql, StringComparison.Ordinal);
        Assert.Contains("SELECT 'week' AS by", sql, StringComparison.Ordinal);
        Assert.Contains("d.deployment_timestamp >= TIMESTAMP '", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("NULL", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("epoch", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("900000000", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("$", sql, StringComparison.Ordinal);

        await browser.Page.ClickAsync(".cm-content");
        await browser.Page.Keyboard.PressAsync("Control+Enter");
        await browser.Page.WaitForSelectorAsync(".results table.grid");
        Assert.Equal(reportRows, await browser.Page.Locator(".results table.grid tbody tr").AllInnerTextsAsync());
        await browser.ScreenshotAsync("open-in-sql-readable");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task A_workspace_with_no_data_explains_how_to_send_its_first_events()
    {
        var key = (await web.Store.Store.CreateKeyAsync(WorkspaceId.Parse("umbrella"), "browser tests", KeyScope.Read,
            TestContext.Current.CancellationToken)).Key;
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(key);
        await browser.OpenAsync("/");

        var guide = await browser.Page.InnerTextAsync(".guide");
        Assert.Contains("No data in “umbrella” yet", guide, StringComparison.Ordinal);
        Assert.Contains($"curl -X POST {web.BaseUrl}/api/v1/events", guide, StringComparison.Ordinal);
        Assert.Contains("\"workspace_id\":\"umbrella\"", guide, StringComparison.Ordinal);
        Assert.Equal($"{web.BaseUrl}/webhooks/whatsapp", await browser.Page.InnerTextAsync(".guide .webhook-url"));
        Assert.Equal(0, await browser.Page.Locator(".metric").CountAsync());
        Assert.False(string.IsNullOrWhiteSpace(await browser.Page.InnerTextAsync(".topbar-freshness")));
        await browser.ScreenshotAsync("empty-workspace-guide");

        await browser.OpenAsync("/reports/failure-reasons");
        Assert.Contains("curl -X POST", await browser.Page.InnerTextAsync(".guide"), StringComparison.Ordinal);
        Assert.DoesNotContain("No rows.", await browser.Page.InnerTextAsync("#main"), StringComparison.Ordinal);
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task The_sql_chart_picks_the_measure_for_y_and_completion_offers_column_names()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        await browser.OpenAsync("/sql");
        await browser.TypeSqlAsync("SELECT conversation_id, conversation_version, count(*) AS sessions FROM sessions GROUP BY 1, 2 ORDER BY 3 DESC");
        await browser.Page.Keyboard.PressAsync("Control+Enter");
        await browser.Page.WaitForSelectorAsync(".results table.grid");
        await browser.Page.ClickAsync("button:text-is('Chart')");
        await browser.Page.WaitForSelectorAsync(".results .chart canvas");

        Assert.Equal(["sessions"], await browser.Page.Locator(".ys input:checked").EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.value)"));

        await browser.TypeSqlAsync("SELECT deliv");
        // The list follows the typing, so it may still show the keywords of "SEL" for a moment: wait for the column.
        await browser.Page.Locator(".cm-tooltip-autocomplete", new() { HasText = "delivery_status" }).WaitForAsync();
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task The_data_dictionary_renders_its_markdown()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        await browser.OpenAsync("/tables");
        await browser.Page.ClickAsync(".dictionary summary");

        Assert.True(await browser.Page.Locator(".dictionary td code").CountAsync() > 28, "the meanings' `code` becomes <code>");
        Assert.DoesNotContain("`", await browser.Page.InnerTextAsync(".dictionary"), StringComparison.Ordinal);
        browser.AssertNoErrors();
    }

    private static async Task<long> Sessions(BrowserSession browser) =>
        long.Parse((await browser.Page.Locator(".metric:has(h2:text-is('Sessions')) .value").InnerTextAsync()).Replace(",", "", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[▲▼■] [+−±]\d+\.\d( pt|%) vs ")]
    private static partial Regex Change();
}
