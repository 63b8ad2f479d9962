using System.Net.Http.Json;
using AnalyticsCenter.Core.Access;

namespace AnalyticsCenter.Web.Tests;

/// <summary>A signed-in browser: its client, the anti-forgery token its pages carry, and who it is.</summary>
internal sealed record SignedInBrowser(HttpClient Client, string Csrf, WorkspaceUser User)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path, Ct);

    /// <summary>Sends <paramref name="body"/> as JSON with the page's anti-forgery token, as the web tab's scripts do.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", Csrf);
        return Client.SendAsync(request, Ct);
    }
}
