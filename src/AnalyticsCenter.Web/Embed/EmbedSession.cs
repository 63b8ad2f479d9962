using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AnalyticsCenter.Web.Embed;

/// <summary>
/// The session an embed token opens: a cookie of its own, SameSite=None and Secure so the browser sends it inside the
/// host's cross-site frame (the web tab's own sign-in cookie stays Strict). It carries the same claims a signed-in user's
/// does (workspace, role, user, email: <see cref="WorkspaceClaims"/>), so every role check and every record of who did
/// something treats an embedded person as a signed-in one; the user id is <c>embed:HOST:SUB</c>. Where the browser blocks
/// cookies in a third-party frame, the same ticket travels with each request instead (<see cref="EmbedTicketCarrier"/>). Since a SameSite=None
/// cookie goes with cross-site requests, every state-changing request must also carry the session's own anti-forgery
/// token (the page's meta tag, sent as the X-CSRF-TOKEN header): a site that cannot read the page cannot know it. Revoking
/// the key that signed the token ends the session at its next request.
/// </summary>
internal static class EmbedSession
{
    public const string Scheme = "EmbedCookie";
    public const string CookieName = "ac_embed";
    public const string Host = "ac:embed-host";
    public const string KeyId = "ac:embed-key";
    public const string Csrf = "ac:embed-csrf";
    public const string Name = "ac:name";
    public const string Locale = "ac:locale";
    public const string TimeZone = "ac:time-zone";
    public const string Theme = "ac:theme";
    public const string Accent = "ac:accent";
    public const string HideTopbar = "ac:hide-topbar";

    public static ClaimsPrincipal For(EmbedVisit visit)
    {
        var user = $"embed:{visit.Host}:{visit.Subject}";
        List<Claim> claims =
        [
            new(WorkspaceClaims.Workspace, visit.Workspace.Value), new(WorkspaceClaims.Role, visit.Role.ToString()), new(WorkspaceClaims.UserId, user),
            new(WorkspaceClaims.Email, visit.Email), new(ClaimTypes.NameIdentifier, user), new(Name, visit.Name), new(Host, visit.Host),
            new(KeyId, visit.KeyId), new(Csrf, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))),
        ];
        foreach (var (type, value) in (ReadOnlySpan<(string, string?)>)
            [(Locale, visit.Look.Locale), (TimeZone, visit.Look.TimeZone), (Theme, visit.Look.Theme), (Accent, visit.Look.Accent)])
        {
            if (value is not null)
            {
                claims.Add(new Claim(type, value));
            }
        }

        if (visit.Look.HideTopbar)
        {
            claims.Add(new Claim(HideTopbar, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>Whether the request runs in an embed session.</summary>
    public static bool IsEmbedded(this ClaimsPrincipal user) => user.Identity?.AuthenticationType == Scheme;

    /// <summary>How the session's host wants the tab to look.</summary>
    public static EmbedLook LookOf(this ClaimsPrincipal user) => new(
        user.FindFirstValue(Locale), user.FindFirstValue(TimeZone), user.FindFirstValue(Theme), user.FindFirstValue(Accent),
        user.FindFirstValue(HideTopbar) == "true");

    /// <summary>Whether a state-changing request of an embed session carries the session's token (compared in constant time).</summary>
    public static bool CarriesCsrfToken(HttpContext context) =>
        context.User.FindFirstValue(Csrf) is { } expected && context.Request.Headers[CookieAntiforgery.HeaderName].ToString() is { Length: > 0 } sent
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(sent));

    public static AuthenticationBuilder AddEmbedSessions(this AuthenticationBuilder builder, WebHostSettings settings) =>
        builder.AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.CookieManager = new EmbedTicketCarrier();
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.None;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.ExpireTimeSpan = settings.SignInLifetime;
            options.SlidingExpiration = true;
            options.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = CheckKey,
                OnRedirectToLogin = context => context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                    ? Problems.Write(context.HttpContext, StatusCodes.Status401Unauthorized, "Sign in needed",
                        "the embedded session has ended: reload the page the tab is on")
                    : Ended(context.HttpContext),
                OnRedirectToAccessDenied = context => WebSignIn.Forbidden(context.HttpContext),
            };
        });

    private static async Task CheckKey(CookieValidatePrincipalContext context)
    {
        var keys = context.HttpContext.RequestServices.GetRequiredService<IEmbedKeys>();
        if (context.Principal?.FindFirstValue(Host) is not { } host || context.Principal.FindFirstValue(KeyId) is not { } keyId
            || await keys.FindEmbedKeyAsync(host, keyId, context.HttpContext.RequestAborted) is null)
        {
            // The cookie stays, so each page in the frame keeps saying the session ended, rather than offering a sign-in
            // form the frame may not show.
            context.RejectPrincipal();
        }
    }

    private static Task Ended(HttpContext context) => EmbedPages.Refused(
        new EmbedRefusal(StatusCodes.Status401Unauthorized, "This tab's session has ended", "Reload the page the tab is on to open it again."))
        .ExecuteAsync(context);
}
