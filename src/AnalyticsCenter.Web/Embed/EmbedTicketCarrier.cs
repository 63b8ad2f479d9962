using Microsoft.AspNetCore.Authentication.Cookies;

namespace AnalyticsCenter.Web.Embed;

/// <summary>
/// Where an embed session's ticket travels: its cookie, or, where the browser blocks cookies in a third-party frame, the
/// ticket itself on each request: the <see cref="Header"/> header (the page's scripts send it) or the <see cref="Query"/>
/// parameter (links within the frame carry it). The ticket is the cookie's value, protected the same way. A page never
/// sends it to another site: the policy says no-referrer, and the request log leaves queries out.
/// </summary>
internal sealed class EmbedTicketCarrier : ICookieManager
{
    public const string Header = "X-Embed-Session";
    public const string Query = "embed_session";
    private const string IssuedItem = "ac:embed-ticket";

    private readonly ChunkingCookieManager _cookies = new();

    /// <summary>The ticket the request carries itself (header, then query), or null.</summary>
    public static string? Sent(HttpContext context) =>
        context.Request.Headers[Header].ToString() is { Length: > 0 } header ? header
        : context.Request.Query[Query].ToString() is { Length: > 0 } query ? query
        : null;

    /// <summary>The ticket this response issued (a sign-in or a renewal), or null.</summary>
    public static string? Issued(HttpContext context) => context.Items[IssuedItem] as string;

    public string? GetRequestCookie(HttpContext context, string key) => _cookies.GetRequestCookie(context, key) ?? Sent(context);

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
    {
        context.Items[IssuedItem] = value;
        _cookies.AppendResponseCookie(context, key, value, options);
    }

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) => _cookies.DeleteCookie(context, key, options);
}
