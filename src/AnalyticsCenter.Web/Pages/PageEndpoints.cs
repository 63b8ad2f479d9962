using System.Security.Claims;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Query;
using AnalyticsCenter.Web.Access;
using AnalyticsCenter.Web.Embed;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AnalyticsCenter.Web.Pages;

/// <summary>
/// The web tab: sign-in (email and password, or a key) and sign-out, and the page shells (overview, tables, SQL, reports, uploads,
/// alerts, settings, team, audit log) whose scripts draw them from the API. Every page carries the anti-forgery token its scripts send with their POSTs.
/// </summary>
internal static class PageEndpoints
{
    // Each page needs the least role that may use it; the server refuses it to lower roles, whatever the menu shows.
    private static readonly (string Path, string Page, string Title, WorkspaceRole Role)[] s_pages =
    [
        ("/", "overview", "Overview", WorkspaceRole.Viewer), ("/tables", "tables", "Tables", WorkspaceRole.Viewer),
        ("/sql", "sql", "SQL", WorkspaceRole.Analyst), ("/reports", "reports", "Reports", WorkspaceRole.Viewer),
        ("/settings", "settings", "Settings", WorkspaceRole.Admin), ("/team", "team", "Team", WorkspaceRole.Admin),
        ("/uploads", "uploads", "Uploads", WorkspaceRole.Admin), ("/alerts", "alerts", "Alerts", WorkspaceRole.Analyst),
        ("/audit", "audit", "Audit log", WorkspaceRole.Admin),
    ];

    public static void Map(WebApplication app)
    {
        var readPolicy = RolePolicies.For(WorkspaceRole.Viewer);
        var pages = app.MapGroup("").ExcludeFromDescription();
        foreach (var (path, page, title, role) in s_pages)
        {
            pages.MapGet(path, (HttpContext context, IAntiforgery antiforgery) => Shell(context, antiforgery, page, title))
                .RequireAuthorization(RolePolicies.For(role));
        }

        pages.MapGet("/reports/{name}", (HttpContext context, IAntiforgery antiforgery, string name) =>
            ReadyReport.Find(name) is { } report
                ? Shell(context, antiforgery, "report", report.Title)
                : Results.Redirect("/reports")).RequireAuthorization(readPolicy);
        pages.MapGet("/api/docs", () => HtmlPage.Render("docs", new Dictionary<string, string>()));
        pages.MapGet("/signin", (HttpContext context, IAntiforgery antiforgery) =>
            context.User.Identity?.AuthenticationType == WebSignIn.CookieScheme
                ? Results.Redirect("/")
                : SignInForm(context, antiforgery, "", StatusCodes.Status200OK));
        pages.MapPost("/signin", SignIn);
        pages.MapPost("/signout", async (HttpContext context) =>
        {
            // A signed-in browser got here past the anti-forgery check (CookieAntiforgery); anyone else has nothing to end.
            await context.SignOutAsync(WebSignIn.CookieScheme);
            return Results.Redirect("/signin");
        });
    }

    private static IResult Shell(HttpContext context, IAntiforgery antiforgery, string page, string title)
    {
        // An embed session has its own anti-forgery token (EmbedSession): the framework's cookie is Strict, never sent in a cross-site frame.
        var embedded = context.User.IsEmbedded();
        var look = embedded ? context.User.LookOf() : EmbedLook.None;
        return HtmlPage.Render("shell", new Dictionary<string, string>
        {
            ["csrf"] = embedded ? context.User.FindFirstValue(EmbedSession.Csrf)! : antiforgery.GetAndStoreTokens(context).RequestToken!,
            ["workspace"] = context.User.WorkspaceOf().Value,
            ["role"] = context.User.RoleOf() is { } role ? AccessNames.Of(role) : "",
            ["who"] = context.User.FindFirstValue(EmbedSession.Name) ?? context.User.FindFirstValue(WorkspaceClaims.Email) ?? "key",
            ["page"] = page,
            ["title"] = title,
            ["embed"] = embedded ? "embedded" : "",
            ["embed-origin"] = embedded ? EmbedOrigin(context) : "",
            ["embed-session"] = embedded ? EmbedTicketCarrier.Sent(context) ?? "" : "",
            ["theme"] = look.Theme ?? "",
            ["accent"] = look.Accent ?? "",
            ["topbar"] = look.HideTopbar ? "hidden" : "",
            ["user-time-zone"] = look.TimeZone ?? "",
            ["locale"] = look.Locale ?? "en",
        });
    }

    /// <summary>The origin of the session's host, where the page may post its height; empty when it is not configured.</summary>
    private static string EmbedOrigin(HttpContext context) =>
        context.RequestServices.GetRequiredService<WebHostSettings>().Embed.Hosts.TryGetValue(context.User.FindFirstValue(EmbedSession.Host)!, out var origin)
            ? origin
            : "";

    private static IResult SignInForm(HttpContext context, IAntiforgery antiforgery, string error, int status)
    {
        var back = LocalReturnUrl(context);
        return HtmlPage.Render("signin", new Dictionary<string, string>
        {
            ["csrf"] = antiforgery.GetAndStoreTokens(context).RequestToken!,
            ["return"] = back is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(back),
            ["error"] = error,
        }, status);
    }

    private static async Task<IResult> SignIn(HttpContext context, IAntiforgery antiforgery, IAccessKeys keys, FailedSignIns failures, Passwords passwords)
    {
        if (!context.Request.HasFormContentType)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Not a sign-in form", "post the sign-in form (key and csrf_token)");
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return SignInForm(context, antiforgery, "The form had expired. Please sign in again.", StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form.ContainsKey("email"))
        {
            var (user, error, status) = await passwords.CheckAsync(context, form["email"].ToString(), form["password"].ToString());
            if (user is null)
            {
                return SignInForm(context, antiforgery, error, status);
            }

            await context.SignInAsync(WebSignIn.CookieScheme, WorkspaceClaims.For(user, WebSignIn.CookieScheme));
            return Results.LocalRedirect(LocalReturnUrl(context) ?? "/");
        }

        var key = await keys.AuthenticateAsync(form["key"].ToString().Trim(), context.RequestAborted);
        if (key is null)
        {
            failures.Failed(context);
            return SignInForm(context, antiforgery, "That key is unknown, revoked or mistyped.", StatusCodes.Status401Unauthorized);
        }

        if (!key.Allows(KeyScope.Read))
        {
            return SignInForm(context, antiforgery, "That key may only send events. Sign in with a read or admin key.", StatusCodes.Status403Forbidden);
        }

        var signedIn = WorkspaceClaims.For(key, WebSignIn.CookieScheme);
        await context.SignInAsync(WebSignIn.CookieScheme, signedIn);
        await context.AuditAsync(AuditAction.SignIn, key.KeyId, key.Name, who: signedIn);
        return Results.LocalRedirect(LocalReturnUrl(context) ?? "/");
    }

    /// <summary>
    /// Where to go after signing in: only a path of this site by ASP.NET Core's own rule (<c>LocalRedirect</c>'s: no other
    /// host, no scheme, no <c>//</c> or <c>/\</c>, no control character a browser would drop to make one), and only in
    /// printable ASCII, as a Location header must be and as the sign-in redirect's own ReturnUrl always is.
    /// </summary>
    public static string? LocalReturnUrl(HttpContext context) =>
        context.Request.Query["ReturnUrl"].ToString() is { Length: > 0 } back && RedirectHttpResult.IsLocalUrl(back)
            && back.All(c => c is > ' ' and < '\u007F')
            ? back
            : null;
}
