using System.Net;

namespace AnalyticsCenter.Web.Tests;

/// <summary>What a browser does with cookies, for a test client: keeps those the server sets and sends them back.</summary>
internal sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private static readonly Uri s_site = new("http://localhost/");

    public CookieContainer Cookies { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var header = Cookies.GetCookieHeader(s_site);
        if (header.Length > 0)
        {
            request.Headers.Add("Cookie", header);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                Cookies.SetCookies(s_site, cookie);
            }
        }

        return response;
    }
}
