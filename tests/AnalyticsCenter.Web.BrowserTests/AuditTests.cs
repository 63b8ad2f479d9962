using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Web.BrowserTests;

/// <summary>
/// The audit log as an admin reads it in Chromium: newest first, a page at a time, only its own workspace's entries; and
/// the page is not offered to, nor served to, a viewer.
/// </summary>
public sealed class AuditTests(WebTabFixture web) : IClassFixture<WebTabFixture>
{
    private const int PageSize = 100;

    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_reads_the_log_newest_first_pages_back_to_the_oldest_entry_and_never_sees_another_workspace()
    {
        var earlier = PageSize + 5;
        for (var i = 1; i <= earlier; i++)
        {
            await web.Store.Store.RecordAsync(
                new AuditRecord(s_acme, Actor.Cli("ops"), AuditAction.SavedQueryCreated, $"q{i}", $"acme query {i}"), Ct);
        }

        await web.Store.Store.RecordAsync(
            new AuditRecord(WorkspaceId.Parse("globex"), Actor.Cli("ops"), AuditAction.SavedQueryCreated, "g1", "globex query"), Ct);
        var admin = (await web.Store.Store.CreateKeyAsync(s_acme, "auditor", KeyScope.Admin, Ct)).Key;
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(admin);
        await browser.OpenAsync("/audit");

        var rows = browser.Page.Locator("table.audit tbody tr");
        await rows.First.WaitForAsync();
        Assert.Equal(PageSize, await rows.CountAsync());
        var newest = await rows.First.Locator("td").AllTextContentsAsync();
        Assert.Equal(["key auditor", "SignIn"], newest.Skip(1).Take(2));
        Assert.Equal($"acme query {earlier - PageSize + 2} (q{earlier - PageSize + 2})", await rows.Last.Locator("td:nth-child(4)").TextContentAsync());

        await browser.Page.ClickAsync("button:has-text('Older')");
        await rows.Nth(PageSize).WaitForAsync();
        Assert.Equal(earlier + 1, await rows.CountAsync());
        Assert.Equal("acme query 1 (q1)", await rows.Last.Locator("td:nth-child(4)").TextContentAsync());
        Assert.Equal(0, await browser.Page.Locator("button:has-text('Older')").CountAsync());
        Assert.DoesNotContain("globex", await browser.Page.Locator("table.audit").TextContentAsync(), StringComparison.Ordinal);
        await browser.ScreenshotAsync("audit-log");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task A_viewer_is_not_offered_the_audit_log_and_is_refused_it_by_address()
    {
        // Another workspace: its sign-in must not add to the log the other case counts.
        var viewer = (await web.Store.Store.CreateKeyAsync(WorkspaceId.Parse("globex"), "reader", KeyScope.Read, Ct)).Key;
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(viewer);

        Assert.Equal(0, await browser.Page.Locator("nav [data-nav=audit]").CountAsync());
        var answer = await browser.Page.GotoAsync(browser.Url("/audit"));
        Assert.Equal(403, answer!.Status);
        Assert.Contains("Not allowed for your role", await browser.Page.TextContentAsync("body"), StringComparison.Ordinal);
        // The refusal is a problem document, not a page: Chromium then asks for /favicon.ico, which the server does not have.
        browser.AssertNoErrors("status of 403", "status of 404");
    }
}
