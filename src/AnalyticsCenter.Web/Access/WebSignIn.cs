using System.Security.Claims;
using AnalyticsCenter.Core.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AnalyticsCenter.Web.Access;

/// <summary>
/// The two ways in: a Bearer key for API clients, and for the web tab a sign-in cookie issued for a user (email and
/// password) or a key (or, inside a host platform's frame, an embed session: Embed/EmbedSession). A policy scheme picks
/// one per request: Bearer when the request carries it, the cookie otherwise (API requests with neither get the Bearer
/// challenge). The cookie names its user or key, which is checked on every request:
/// removing the user or revoking the key signs the browser out at once, and a changed role applies at the next request.
/// </summary>
internal static class WebSignIn
{
    public const string CookieScheme = "WebCookie";
    public const string KeyOrCookieScheme = "KeyOrCookie";
    public const string CookieName = "ac_signin";

    public static AuthenticationBuilder AddWorkspaceAuthentication(this IServiceCollection services, WebHostSettings settings) =>
        services.AddAuthentication(KeyOrCookieScheme)
            .AddPolicyScheme(KeyOrCookieScheme, "Workspace key or sign-in cookie", options => options.ForwardDefaultSelector = Choose)
            .AddScheme<AuthenticationSchemeOptions, KeyAuthenticationHandler>(KeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/signin";
                options.ExpireTimeSpan = settings.SignInLifetime;
                options.SlidingExpiration = true;
                options.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = CheckCaller,
                    OnRedirectToLogin = context => IsApi(context.Request)
                        ? Problems.Write(context.HttpContext, StatusCodes.Status401Unauthorized, "Sign in needed",
                            "the sign-in has expired or its key was revoked: sign in again at /signin")
                        : Redirect(context),
                    OnRedirectToAccessDenied = context => Forbidden(context.HttpContext),
                };
            });

    /// <summary>
    /// Bearer when the request carries it; else an embed session's ticket the request carries itself, the sign-in cookie
    /// when it is there, then the embed session's cookie (<see cref="Embed.EmbedSession"/>); else Bearer's challenge for the
    /// API and the sign-in page for pages.
    /// </summary>
    private static string Choose(HttpContext context)
    {
        var cookies = context.Request.Cookies;
        if (KeyAuthenticationHandler.HasBearer(context.Request))
        {
            return KeyAuthenticationHandler.SchemeName;
        }

        if (Embed.EmbedTicketCarrier.Sent(context) is not null || (!cookies.ContainsKey(CookieName) && cookies.ContainsKey(Embed.EmbedSession.CookieName)))
        {
            return Embed.EmbedSession.Scheme;
        }

        return IsApi(context.Request) && !cookies.ContainsKey(CookieName) ? KeyAuthenticationHandler.SchemeName : CookieScheme;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.Ordinal);

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>403 in words: what the caller's role is, and who can change it.</summary>
    public static Task Forbidden(HttpContext context) => Problems.Write(context, StatusCodes.Status403Forbidden, "Not allowed for your role",
        context.User.RoleOf() is { } role
            ? $"your role ({role.ToString().ToLowerInvariant()}) does not allow this request; a workspace admin can change it"
            : "this key's scope does not allow this request");

    private static async Task CheckCaller(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.FindFirstValue(WorkspaceClaims.UserId) is { } userId)
        {
            await CheckUser(context, userId);
            return;
        }

        var keyId = context.Principal?.FindFirstValue(WorkspaceClaims.KeyId);
        var keys = context.HttpContext.RequestServices.GetRequiredService<IAccessKeys>();
        var workspace = context.Principal?.FindFirstValue(WorkspaceClaims.Workspace);
        var active = keyId is not null && workspace is not null
            && (await keys.ListKeysAsync(Core.Events.WorkspaceId.Parse(workspace), context.HttpContext.RequestAborted))
                .Any(k => k.KeyId == keyId && k.IsActive);
        if (!active)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }

    /// <summary>A removed user is signed out; one whose role changed carries the new role from now on.</summary>
    private static async Task CheckUser(CookieValidatePrincipalContext context, string userId)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<IWorkspaceUsers>();
        var user = await users.FindUserAsync(userId, context.HttpContext.RequestAborted);
        if (user is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
            return;
        }

        if (user.Role != context.Principal!.RoleOf() || user.Workspace != context.Principal!.FindFirstValue(WorkspaceClaims.Workspace))
        {
            context.ReplacePrincipal(WorkspaceClaims.For(user, CookieScheme));
            context.ShouldRenew = true;
        }
    }
}
