using System.Text;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Uploads;
using AnalyticsCenter.Query.Uploads;

namespace AnalyticsCenter.Web.BrowserTests;

/// <summary>
/// A report in Chromium before and after the workspace uploads the table it reads: first the page names the upload that
/// would add columns, then it shows them.
/// </summary>
public sealed class ReportUploadTests(WebTabFixture web) : IClassFixture<WebTabFixture>
{
    private static readonly UploadLimits s_limits = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Meta_attribution_names_ad_spend_until_it_is_uploaded_then_shows_spend_and_cost_per_session()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        await browser.OpenAsync("/reports/meta-attribution");
        await browser.Page.WaitForSelectorAsync("table.grid tbody tr");
        Assert.Contains(
            await browser.Page.Locator(".upload-note").AllInnerTextsAsync(), n => n.StartsWith("Uploading ad_spend", StringComparison.Ordinal));
        Assert.DoesNotContain(await HeadersAsync(browser), h => h.Contains("spend", StringComparison.OrdinalIgnoreCase));

        var busiest = (await web.Store.RowsAsync(
            "SELECT meta_source_id FROM sessions WHERE meta_source_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")).Single();
        await UploadAdSpendAsync($"date,meta_source_id,spend,currency\n2026-11-10,{busiest["meta_source_id"]},250.00,USD\n");

        await browser.OpenAsync("/reports/meta-attribution");
        await browser.Page.WaitForSelectorAsync("table.grid tbody tr");
        var headers = await HeadersAsync(browser);
        Assert.Contains(headers, h => h.Equals("spend", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(headers, h => h.Equals("cost per session", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(
            await browser.Page.Locator(".upload-note").AllInnerTextsAsync(), n => n.StartsWith("Uploading ad_spend", StringComparison.Ordinal));
        var row = await browser.Page.Locator("table.grid tbody tr", new() { HasText = (string)busiest["meta_source_id"]! }).Locator("td").AllInnerTextsAsync();
        Assert.Contains("250", row[headers.FindIndex(h => h.Equals("spend", StringComparison.OrdinalIgnoreCase))], StringComparison.Ordinal);
        await browser.ScreenshotAsync("report-meta-attribution-with-spend");
        browser.AssertNoErrors();
    }

    private static async Task<List<string>> HeadersAsync(BrowserSession browser) =>
        [.. (await browser.Page.Locator("table.grid th").AllInnerTextsAsync()).Select(h => h.Trim())];

    private async Task UploadAdSpendAsync(string csv) => await web.Store.Store.UploadAsync(
        WorkspaceId.Parse("acme"),
        await UploadReader.ReadAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(csv)), UploadFormat.Csv, "ad_spend", new Dictionary<string, UploadColumnType>(), s_limits, Ct),
        UploadMode.Replace, s_limits, Ct);
}
