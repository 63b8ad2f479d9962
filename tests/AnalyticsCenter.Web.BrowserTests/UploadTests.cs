using System.Text;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using Microsoft.Playwright;

namespace AnalyticsCenter.Web.BrowserTests;

/// <summary>The Uploads page as an admin meets it in Chromium: choose a CSV, see its inferred types and first rows, keep it, see it listed, query it.</summary>
public sealed class UploadTests(WebTabFixture web) : IClassFixture<WebTabFixture>
{
    private const string AdSpend = "date,meta_source_id,spend,currency\n2026-11-01,ad_1,12.50,USD\n2026-11-02,ad_1,7.25,USD\n2026-11-02,ad_2,3.00,USD\n";

    [Fact]
    public async Task An_admin_previews_a_csv_keeps_it_sees_it_listed_queries_it_and_deletes_it()
    {
        var admin = await web.Store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "uploads", KeyScope.Admin, TestContext.Current.CancellationToken);
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(admin.Key);
        await browser.OpenAsync("/uploads");

        await browser.Page.SetInputFilesAsync(".upload-new input[type=file]",
            new FilePayload { Name = "Ad spend.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(AdSpend) });
        await browser.Page.WaitForSelectorAsync(".upload-keep");
        Assert.Equal("ad_spend", await browser.Page.InputValueAsync(".upload-new input[name=name]"));
        Assert.Equal("date", await browser.Page.InputValueAsync(".upload-columns tr[data-column=date] select"));
        Assert.Equal("text", await browser.Page.InputValueAsync(".upload-columns tr[data-column=meta_source_id] select"));
        Assert.Equal("decimal", await browser.Page.InputValueAsync(".upload-columns tr[data-column=spend] select"));
        Assert.Equal(3, await browser.Page.Locator(".upload-preview .grid-scroll tbody tr").CountAsync());
        Assert.Equal(["ad_spend.csv", "conversions.csv", "audience_tags.csv"], await browser.Page.Locator(".upload-templates a").AllTextContentsAsync());
        Assert.Empty(await web.Store.Store.ListUploadsAsync(WorkspaceId.Parse("acme"), TestContext.Current.CancellationToken));
        await browser.ScreenshotAsync("upload-preview");

        // A type chosen by hand is previewed again, then kept.
        await browser.Page.SelectOptionAsync(".upload-columns tr[data-column=spend] select", "text");
        await browser.Page.WaitForSelectorAsync(".upload-keep");
        Assert.Equal("text", await browser.Page.InputValueAsync(".upload-columns tr[data-column=spend] select"));

        await browser.Page.ClickAsync(".upload-keep");
        var listed = browser.Page.Locator(".uploads tr[data-upload=ad_spend]");
        await listed.WaitForAsync();
        Assert.Contains("spend text", await listed.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("3", await listed.Locator("td:nth-child(3)").TextContentAsync());
        await browser.ScreenshotAsync("uploads");

        await browser.OpenAsync("/sql");
        await browser.TypeSqlAsync("SELECT meta_source_id, count(*) AS n FROM ad_spend GROUP BY 1 ORDER BY 1");
        await browser.Page.Keyboard.PressAsync("Control+Enter");
        await browser.Page.WaitForSelectorAsync(".results table.grid");
        Assert.Equal(["ad_1", "ad_2"], await browser.Page.Locator(".results tbody tr td:first-child").AllTextContentsAsync());

        await browser.OpenAsync("/uploads");
        await browser.Page.ClickAsync(".uploads tr[data-upload=ad_spend] button:text-is('Delete')");
        await browser.Page.WaitForSelectorAsync(".upload-list p:text-is('No uploads yet.')");
        browser.AssertNoErrors();
    }
}
