namespace AnalyticsCenter.Web.BrowserTests;

/// <summary>A query the database cannot run, as a person sees it in the SQL editor: the database's words once, its caret still under the culprit.</summary>
public sealed class SqlErrorTests(WebTabFixture web) : IClassFixture<WebTabFixture>
{
    [Fact]
    public async Task A_failed_query_shows_the_databases_message_once_with_its_caret_under_the_unknown_column()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.SignInAsync(web.AcmeKey);
        await browser.OpenAsync("/sql");
        await browser.TypeSqlAsync("SELECT nope FROM sessions");
        await browser.Page.Keyboard.PressAsync("Control+Enter");

        var shown = await browser.Page.WaitForSelectorAsync(".results .problem");
        var text = await shown!.InnerTextAsync();
        Assert.StartsWith("The query could not run: Binder Error", text, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "could not run", System.Text.RegularExpressions.RegexOptions.IgnoreCase));

        // The message is shown as written, in a fixed-width font, so the caret's column is the culprit's column.
        var detail = browser.Page.Locator(".results .problem .problem-detail");
        var lines = (await detail.TextContentAsync())!.Split('\n');
        var sql = lines.Single(l => l.StartsWith("LINE 1: ", StringComparison.Ordinal));
        var caret = lines[Array.IndexOf(lines, sql) + 1];
        Assert.Equal("^", caret.Trim());
        Assert.StartsWith("nope", sql[caret.IndexOf('^', StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Equal("pre-wrap", await detail.EvaluateAsync<string>("e => getComputedStyle(e).whiteSpace"));
        Assert.Contains("monospace", await detail.EvaluateAsync<string>("e => getComputedStyle(e).fontFamily"), StringComparison.Ordinal);
        await browser.ScreenshotAsync("sql-failed");
        browser.AssertNoErrors("status of 400");
    }
}
