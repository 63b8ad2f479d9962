using System.Net;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// What a browser does with cookies, for a test client: keeps those the server sets and sends them back (Secure ones only
/// when <paramref name="site"/> is https).
/// </summary>
internal sealed class CookieJar(HttpMessageHandler inner, Uri? site = null) : DelegatingHandler(inner)
{
    private readonly Uri _site = site ?? new Uri("http://localhost/");

    public CookieContainer Cookies { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var header = Cookies.GetCookieHeader(_site);
        if (header.Length > 0)
        {
            request.Headers.Add("Cookie", header);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                Cookies.SetCookies(_site, cookie);
            }
        }

        return response;
    }
}
