using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Web.BrowserTests;

/// <summary>Teams as people meet them in Chromium: accepting an invitation, signing in with a password, the Team page, a share link.</summary>
public sealed class TeamTests(WebTabFixture web) : IClassFixture<WebTabFixture>
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> InvitationAsync(string email, WorkspaceRole role)
    {
        var user = await web.Store.Store.AddUserAsync(s_acme, email, role, Ct);
        var link = await web.Store.Store.IssuePasswordLinkAsync(s_acme, user.UserId, PasswordLinkKind.Invitation, TimeSpan.FromDays(1), Ct);
        return TeamRules.PasswordPath(link.Token);
    }

    private static async Task AcceptAsync(BrowserSession browser, string path, string password)
    {
        await browser.Page.GotoAsync(browser.Url(path));
        await browser.Page.FillAsync("#password", password);
        await browser.Page.FillAsync("#confirm", password);
        await browser.Page.ClickAsync("button[type=submit]");
        await browser.AtOverviewAsync();
    }

    [Fact]
    public async Task An_invited_analyst_sets_a_password_signs_out_and_signs_in_again_with_email_and_password()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await AcceptAsync(browser, await InvitationAsync("iris@example.com", WorkspaceRole.Analyst), "iris's long password");

        Assert.Equal("iris@example.com", await browser.Page.TextContentAsync(".who"));
        Assert.Equal(1, await browser.Page.Locator("nav [data-nav=sql]").CountAsync());
        Assert.Equal(0, await browser.Page.Locator("nav [data-nav=team]").CountAsync());

        await browser.Page.ClickAsync("text=Sign out");
        await browser.AtAsync("/signin");
        await browser.Page.FillAsync("#email", "iris@example.com");
        await browser.Page.FillAsync("#password", "not iris's password");
        await browser.Page.ClickAsync("#password-signin");
        Assert.Contains("do not match", await browser.Page.TextContentAsync(".error"), StringComparison.Ordinal);

        await browser.Page.FillAsync("#email", "iris@example.com");
        await browser.Page.FillAsync("#password", "iris's long password");
        await browser.Page.ClickAsync("#password-signin");
        await browser.AtOverviewAsync();
        await browser.ScreenshotAsync("signed-in-with-password");
        // The wrong password's answer is a 401 page, which Chromium reports as a failed load; nothing else may fail.
        browser.AssertNoErrors("status of 401");
    }

    [Fact]
    public async Task A_used_invitation_link_says_so_instead_of_showing_a_form()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        var path = await InvitationAsync("uma@example.com", WorkspaceRole.Viewer);
        await AcceptAsync(browser, path, "uma's long password");

        await browser.Page.GotoAsync(browser.Url(path));

        Assert.Equal("This link does not work", await browser.Page.TextContentAsync("h1"));
        Assert.Equal(0, await browser.Page.Locator("#password").CountAsync());
    }

    [Fact]
    public async Task An_admin_invites_a_person_from_the_team_page_and_sees_the_link_once()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await AcceptAsync(browser, await InvitationAsync("ada@example.com", WorkspaceRole.Admin), "ada's long password");
        await browser.OpenAsync("/team");

        await browser.Page.FillAsync(".invite input[name=email]", "newcomer@example.com");
        await browser.Page.SelectOptionAsync(".invite select[name=role]", "analyst");
        await browser.Page.ClickAsync(".invite button[type=submit]");

        var link = await browser.Page.Locator(".team-users .once-text").TextContentAsync();
        Assert.StartsWith(browser.Url("/password/"), link, StringComparison.Ordinal);
        Assert.Equal(1, await browser.Page.Locator(".team-users tr[data-email='newcomer@example.com']").CountAsync());
        await browser.ScreenshotAsync("team");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task A_share_link_shows_its_report_without_signing_in_and_a_revoked_one_does_not()
    {
        var created = await web.Store.Store.CreateShareLinkAsync(
            s_acme, "failure-reasons", "from=2026-11-01T00%3A00%3A00Z", web.Store.Time.Now.UtcDateTime.AddDays(7), Ct);
        await using var browser = await BrowserSession.OpenAsync(web);

        await browser.Page.GotoAsync(browser.Url("/share/" + created.Token));
        await browser.Page.WaitForSelectorAsync("#share-rows table, #share-rows .empty");
        Assert.Contains("from=2026-11-01T00:00:00Z", await browser.Page.TextContentAsync("#share-filters"), StringComparison.Ordinal);
        Assert.Equal(0, await browser.Page.Locator("nav").CountAsync());
        await browser.ScreenshotAsync("share-link");
        browser.AssertNoErrors();

        await web.Store.Store.RevokeShareLinkAsync(s_acme, created.Link.Id, Ct);
        await browser.Page.GotoAsync(browser.Url("/share/" + created.Token));
        Assert.Equal("This link does not open", await browser.Page.TextContentAsync("h1"));
    }
}
