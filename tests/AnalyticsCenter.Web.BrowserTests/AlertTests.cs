using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Delivery;
using Microsoft.Playwright;

namespace AnalyticsCenter.Web.BrowserTests;

/// <summary>
/// Alerts as an admin meets them in Chromium: add one on a report's chosen metric to a webhook, and after a refresh see it
/// holding, with its notification delivered to the loopback receiver and listed in its history.
/// </summary>
public sealed class AlertTests(WebTabFixture web) : IClassFixture<WebTabFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_adds_an_alert_on_a_report_metric_and_after_a_refresh_sees_it_holding_and_its_notification_delivered()
    {
        await using var receiver = new LoopbackWebhookReceiver([]);
        var admin = (await web.Store.Store.CreateKeyAsync(WorkspaceId.Parse("acme"), "alerts", KeyScope.Admin, Ct)).Key;
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(admin);
        await browser.OpenAsync("/alerts");

        await browser.Page.FillAsync(".alert-form input[name=name]", "deployments seen");
        await browser.Page.SelectOptionAsync(".alert-form select[name=source]", "report:delivery-rate");
        await browser.Page.WaitForSelectorAsync(".alert-form select[name=metric] option[value=deployments]", new() { State = WaitForSelectorState.Attached });
        await browser.Page.SelectOptionAsync(".alert-form select[name=metric]", "deployments");
        await browser.Page.SelectOptionAsync(".alert-form select[name=operator]", "above");
        await browser.Page.FillAsync(".alert-form input[name=threshold]", "0");
        await browser.Page.SelectOptionAsync(".alert-form select[name=channel]", "webhook");
        await browser.Page.FillAsync(".alert-form input[name=target]", receiver.Url);
        await browser.Page.ClickAsync(".alert-form button:has-text('Add alert')");
        await browser.Page.WaitForSelectorAsync("text=its webhook signing secret, shown this once");
        var row = browser.Page.Locator("table.alerts tbody tr");
        await row.WaitForAsync(); // the list is drawn again after the answer: AllTextContentsAsync does not wait for it
        Assert.Equal(["deployments seen", "delivery-rate", "deployments", "above 0"], (await row.Locator("td").AllTextContentsAsync()).Take(4));

        await web.Store.RefreshAsync(WebTabFixture.DataEnd.UtcDateTime.AddMinutes(30));
        await Waiting.UntilAsync(async () =>
        {
            await browser.OpenAsync("/alerts");
            return await browser.Page.Locator("table.alert-history td.status-delivered").CountAsync() > 0;
        }, () => "the alert's notification never showed as delivered in its history");

        Assert.Equal("holding", await row.Locator("td.state").TextContentAsync());
        Assert.Equal(["started holding", "delivered"],
            [await browser.Page.Locator("table.alert-history td:nth-child(3)").TextContentAsync(),
             await browser.Page.Locator("table.alert-history td:nth-child(5)").TextContentAsync()]);
        await browser.ScreenshotAsync("alerts");
        var received = Assert.Single(receiver.Received);
        Assert.Equal("firing", JsonDocument.Parse(received.Body).RootElement.GetProperty("status").GetString());
        browser.AssertNoErrors();
    }
}
