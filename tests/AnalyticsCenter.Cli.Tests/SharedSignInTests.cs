using System.Net;
using System.Text.RegularExpressions;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>On PostgreSQL the web tab's sign-in keys live in the database: every server accepts a sign-in any of them made, also after a restart.</summary>
public sealed partial class SharedSignInTests(PostgresServer server) : IDisposable
{
    private readonly TempFolder _folder = new("ac-signin-");

    [Fact]
    public async Task A_sign_in_made_through_one_server_is_good_on_another_and_after_a_restart()
    {
        await using var shared = await OwnedDatabase.CreateAsync(server, TestContext.Current.CancellationToken);
        using var first = new ServedStore(_folder.Path, shared.Url());
        using var second = new ServedStore(_folder.Path, shared.Url());
        await first.StartAsync();
        await second.StartAsync();

        var cookie = await SignInAsync(first);
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(second, cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithCookieAsync(second, cookie[..^8] + "AAAAAAAA"));
        Assert.NotEmpty(await shared.RowsAsync("SELECT name FROM analytics.signin_keys"));

        Assert.Equal(0, await first.TerminateAsync());
        await first.StartAsync();
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(first, cookie));
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "served.duckdb.signin-keys")));
    }

    /// <summary>Signs in through the web form with the server's key; the sign-in cookie, as <c>name=value</c>.</summary>
    private static async Task<string> SignInAsync(ServedStore served)
    {
        var jar = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = served.Url };
        var form = await browser.GetStringAsync(new Uri("/signin", UriKind.Relative), TestContext.Current.CancellationToken);
        var token = CsrfToken().Match(form).Groups[1].Value;
        using var signIn = await browser.PostAsync(new Uri("/signin", UriKind.Relative), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["key"] = served.Key, ["csrf_token"] = token }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = jar.GetCookies(served.Url)["ac_signin"];
        Assert.NotNull(cookie);
        return $"{cookie.Name}={cookie.Value}";
    }

    private static async Task<HttpStatusCode> StatusWithCookieAsync(ServedStore served, string cookie)
    {
        using var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = served.Url };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/status");
        request.Headers.Add("Cookie", cookie);
        using var response = await browser.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [GeneratedRegex("name=\"csrf_token\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfToken();

    public void Dispose() => _folder.Dispose();
}
