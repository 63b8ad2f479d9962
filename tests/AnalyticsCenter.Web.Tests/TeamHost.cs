using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// The real host on the test server over a fresh store of either kind, sharing the store's clock; with clients that
/// keep cookies as a browser does, and the steps a person takes: set a password through a link, sign in with it.
/// </summary>
internal sealed partial class TeamHost : IAsyncDisposable
{
    private TeamHost(StoreUnderTest db, WebApplication app) => (Db, App) = (db, app);

    public StoreUnderTest Db { get; }

    public WebApplication App { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<TeamHost> StartAsync(IStoreFactory stores, WebHostSettings? settings = null)
    {
        var db = await stores.CreateAsync();
        var app = AnalyticsWebApp.Create(db.Store, settings ?? new WebHostSettings(), builder =>
        {
            builder.WebHost.UseTestServer();
            ClientAddresses.AddTo(builder);
        }, db.Time);
        await app.StartAsync(Ct);
        return new TeamHost(db, app);
    }

    /// <summary>A client that sends a new key of <paramref name="workspace"/> with <paramref name="scope"/>.</summary>
    public async Task<HttpClient> KeyClientAsync(string workspace, KeyScope scope)
    {
        var key = await Db.Store.CreateKeyAsync(WorkspaceId.Parse(workspace), "test", scope, Ct);
        var client = App.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
        return client;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, from its own address (each has its own throttle).</summary>
    public HttpClient Browser(string address = "192.0.2.1")
    {
        var client = new HttpClient(new CookieJar(App.GetTestServer().CreateHandler())) { BaseAddress = new Uri("http://localhost/") };
        client.DefaultRequestHeaders.Add(ClientAddresses.Header, address);
        return client;
    }

    /// <summary>The anti-forgery token a page carries (its form field, or the shell's meta tag).</summary>
    public static async Task<string> TokenOn(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path, Ct);
        return TokenField().Match(html) is { Success: true } field ? field.Groups[1].Value : CsrfMeta().Match(html).Groups[1].Value;
    }

    /// <summary>Fills in the form a password link opens, as the person would.</summary>
    public static async Task<HttpResponseMessage> SetPasswordAsync(HttpClient client, string link, string password, string? confirm = null) =>
        await client.PostAsync(new Uri(link).PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["csrf_token"] = await TokenOn(client, new Uri(link).PathAndQuery),
            ["password"] = password,
            ["confirm"] = confirm ?? password,
        }), Ct);

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["csrf_token"] = await TokenOn(client, "/signin"),
            ["email"] = email,
            ["password"] = password,
        }), Ct);

    /// <summary>A person of <paramref name="workspace"/> with <paramref name="role"/> who accepted an invitation, signed in.</summary>
    public async Task<SignedInBrowser> PersonAsync(string workspace, WorkspaceRole role, string email, string address = "192.0.2.1")
    {
        var user = await Db.Store.AddUserAsync(WorkspaceId.Parse(workspace), email, role, Ct);
        var link = await Db.Store.IssuePasswordLinkAsync(WorkspaceId.Parse(workspace), user.UserId, PasswordLinkKind.Invitation, TimeSpan.FromDays(1), Ct);
        var client = Browser(address);
        var set = await SetPasswordAsync(client, "http://localhost" + TeamRules.PasswordPath(link.Token), Password);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        return new SignedInBrowser(client, await TokenOn(client, "/"), user);
    }

    public const string Password = "correct horse battery";

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Db.DisposeAsync();
    }

    [GeneratedRegex("name=\"csrf_token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\">")]
    private static partial Regex CsrfMeta();
}
