using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Access;
using AnalyticsCenter.Web.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace AnalyticsCenter.Web.Embed;

/// <summary>
/// <c>GET /embed?token=…</c>: where a host platform's frame opens the tab. A good token (<see cref="EmbedTokens"/>) opens
/// an embed session (<see cref="EmbedSession"/>) and goes on to the tab (or the local page <c>ReturnUrl</c> names), its
/// ticket in the address for browsers that block the frame's cookie; any
/// other gets a page that says why, status 401 or 403, and ends an embed session the browser had. The query parameters
/// <c>theme</c> (light or dark), <c>accent</c> (#hex) and <c>topbar=hidden</c> set what the token leaves unset.
/// </summary>
internal static class EmbedPages
{
    public static void Map(WebApplication app, string rateLimit)
    {
        app.MapGet("/embed", Open).AllowAnonymous().RequireRateLimiting(rateLimit).ExcludeFromDescription();
    }

    /// <summary>
    /// Lets the configured hosts frame what an embed session is shown (the page saying it ended included), and <c>/embed</c>
    /// itself (its refusal pages show inside the frame): their origins as <c>frame-ancestors</c> in place of <c>'none'</c>, and no X-Frame-Options, which
    /// cannot name an origin. Every other response keeps the headers <see cref="SecurityHeaders"/> set.
    /// </summary>
    public static IApplicationBuilder UseEmbedFraming(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var endedSession = context.User.Identity?.IsAuthenticated != true && context.Request.Cookies.ContainsKey(EmbedSession.CookieName);
        if (context.User.IsEmbedded() || endedSession || context.Request.Path.Equals("/embed", StringComparison.Ordinal))
        {
            var settings = context.RequestServices.GetRequiredService<WebHostSettings>().Embed;
            context.Response.Headers.Remove(HeaderNames.XFrameOptions);
            context.Response.Headers.ContentSecurityPolicy = SecurityHeaders.Policy(settings.FrameAncestors);
        }

        await next(context);
    });

    public static IResult Refused(EmbedRefusal refusal) => HtmlPage.Render("embed-refused", new Dictionary<string, string>
    {
        ["title"] = refusal.Title,
        ["message"] = refusal.Message,
    }, refusal.Status);

    private static async Task<IResult> Open(HttpContext context, EmbedTokens tokens, IAuditLog audit)
    {
        var (visit, refusal) = await tokens.CheckAsync(context.Request.Query["token"], context.RequestAborted);
        if (visit is null)
        {
            await context.SignOutAsync(EmbedSession.Scheme);
            if (refusal!.Audit is { } entry)
            {
                await audit.RecordAsync(entry, CancellationToken.None);
            }

            return Refused(refusal);
        }

        var query = context.Request.Query;
        var asked = EmbedLook.Of(null, null, query["theme"], query["accent"], query["topbar"] == "hidden");
        var session = EmbedSession.For(visit with { Look = visit.Look.Or(asked) });
        await context.SignInAsync(EmbedSession.Scheme, session);
        await context.AuditAsync(AuditAction.EmbedSessionOpened, visit.Subject, visit.Name, visit.Role.ToString().ToLowerInvariant(), session);

        // The ticket goes in the address too, for a browser that drops the frame's cookie (EmbedTicketCarrier).
        var next = PageEndpoints.LocalReturnUrl(context) ?? "/";
        var ticket = Uri.EscapeDataString(EmbedTicketCarrier.Issued(context)!);
        return Results.LocalRedirect($"{next}{(next.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{EmbedTicketCarrier.Query}={ticket}");
    }
}
