using System.Globalization;
using System.Text.Encodings.Web;
using AnalyticsCenter.Core.Access;

namespace AnalyticsCenter.Web.Embed;

/// <summary>
/// A stand-in for the host platform, on an origin of its own: its page (<c>GET /</c>) holds the web tab in a frame, with a
/// token its "back end" mints for each request, as a platform would, and sizes the frame by the height the tab posts.
/// <c>analytics demo</c> serves it; the browser tests drive it. The query picks who is signed in to the platform:
/// <c>role</c> (viewer, analyst, admin; default analyst), <c>workspace</c>, <c>theme</c> (light, dark), <c>topbar=hidden</c>.
/// </summary>
public static class EmbedSampleHost
{
    /// <summary>The host's name: its tokens' <c>iss</c>, and the name its key is added under.</summary>
    public const string Name = "sample-platform";

    /// <param name="tabUrl">Where the web tab is served (asked at each request, so either server may start first).</param>
    /// <param name="key">The host's key, with its secret.</param>
    /// <param name="audience">The tab's audience (<see cref="EmbedSettings.Audience"/>).</param>
    /// <param name="workspace">The workspace the platform's person works in, unless the query names another.</param>
    /// <param name="time">The clock tokens are minted by: the tab's.</param>
    /// <param name="configure">Where to listen, and the like.</param>
    public static WebApplication Create(
        Func<string> tabUrl, CreatedEmbedKey key, string audience, string workspace, TimeProvider time, Action<WebApplicationBuilder> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        configure(builder);
        var app = builder.Build();
        app.MapGet("/", (HttpContext context) =>
        {
            var query = context.Request.Query;
            var role = AccessNames.Role(query["role"]) is { } chosen ? AccessNames.Of(chosen) : "analyst";
            var claims = new Dictionary<string, object>
            {
                ["workspace"] = query["workspace"].ToString() is { Length: > 0 } asked ? asked : workspace,
                ["role"] = role,
                ["sub"] = "platform-user-7",
                ["name"] = "Paula Platform",
                ["email"] = "paula@platform.example",
                ["locale"] = "en",
                ["zoneinfo"] = "UTC",
            };
            var token = EmbedTokenSigner.Sign(Name, key.Key.KeyId, key.Secret, audience, claims, time.GetUtcNow(), TimeSpan.FromMinutes(5));
            var tab = tabUrl().TrimEnd('/');
            var src = $"{tab}/embed?token={token}&theme={Uri.EscapeDataString(query["theme"].ToString())}"
                + (query["topbar"] == "hidden" ? "&topbar=hidden" : "");
            return Results.Content(Page(src, EmbedSettings.Origin(tab), role), "text/html; charset=utf-8");
        });
        return app;
    }

    private static string Page(string src, string tabOrigin, string role)
    {
        var html = HtmlEncoder.Default;
        var origin = JavaScriptEncoder.Default.Encode(tabOrigin);
        return string.Create(CultureInfo.InvariantCulture, $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <link rel="icon" href="data:,">
              <title>Sample platform · Analytics tab</title>
              <style>
                body { margin: 0; font-family: system-ui, sans-serif; display: flex; min-height: 100vh; background: #f3f4f6; }
                nav { width: 12rem; background: #1e293b; color: #e2e8f0; padding: 1rem; }
                nav a { display: block; color: inherit; padding: 0.3rem 0; text-decoration: none; }
                main { flex: 1; padding: 1rem; }
                iframe { width: 100%; border: 1px solid #cbd5e1; border-radius: 8px; background: #fff; height: 600px; }
              </style>
            </head>
            <body>
              <nav>
                <strong>Sample platform</strong>
                <a href="#">Conversations</a><a href="#">Contacts</a><a href="?role={{html.Encode(role)}}">Analytics</a>
                <p>Signed in as Paula ({{html.Encode(role)}})</p>
                <a href="?role=viewer">as viewer</a><a href="?role=analyst">as analyst</a><a href="?role=admin">as admin</a>
                <a href="?role={{html.Encode(role)}}&theme=dark&topbar=hidden">dark, no top bar</a>
              </nav>
              <main>
                <p>Frame height from the tab: <span id="frame-height">none yet</span></p>
                <!-- The tab, opened with a token minted for this page view; it reports its height by postMessage. -->
                <iframe id="analytics-tab" title="Analytics" src="{{html.Encode(src)}}"></iframe>
              </main>
              <script>
                const tab = document.getElementById('analytics-tab');
                window.addEventListener('message', (event) => {
                  if (event.origin !== '{{origin}}' || event.data?.type !== 'analytics-center:height') return;
                  tab.style.height = `${event.data.height}px`;
                  document.getElementById('frame-height').textContent = String(event.data.height);
                });
              </script>
            </body>
            </html>
            """);
    }
}
