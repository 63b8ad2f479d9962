using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit.Delivery;

namespace AnalyticsCenter.Web.BrowserTests;

/// <summary>Subscriptions as an admin meets them in Chromium: Subscribe on a report, then Run now and the delivery history in Settings.</summary>
public sealed class SubscriptionTests(WebTabFixture web) : IClassFixture<WebTabFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_subscribes_a_report_to_a_webhook_runs_it_now_and_sees_it_delivered()
    {
        await using var receiver = new LoopbackWebhookReceiver([]);
        var admin = (await web.Store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "subscriptions", KeyScope.Admin, Ct)).Key;
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(admin);

        await browser.OpenAsync("/reports/delivery-rate");
        await browser.Page.ClickAsync("button:has-text('Subscribe')");
        await browser.Page.SelectOptionAsync("select[name=channel]", "webhook");
        await browser.Page.FillAsync("input[name=target]", receiver.Url);
        await browser.Page.ClickAsync("button:has-text('Save subscription')");
        await browser.Page.WaitForSelectorAsync("text=Subscribed: the next delivery is at");
        await browser.ScreenshotAsync("report-subscribed");

        await browser.OpenAsync("/settings");
        await browser.Page.ClickAsync("table.subscriptions button:has-text('Run now')");
        await browser.Page.WaitForSelectorAsync("table.deliveries td.status-delivered");
        await browser.ScreenshotAsync("settings-subscriptions");

        Assert.Single(receiver.Received);
        // Settings asks for BI logins too, which a DuckDB store does not have (501, said on the page).
        browser.AssertNoErrors("501 (Not Implemented)");
        foreach (var subscription in await web.Store.Store.ListSubscriptionsAsync(null, Ct))
        {
            await web.Store.Store.RemoveSubscriptionAsync(subscription.Request.Workspace, subscription.Id, Ct);
        }
    }
}
