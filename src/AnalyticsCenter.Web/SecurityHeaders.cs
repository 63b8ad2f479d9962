namespace AnalyticsCenter.Web;

/// <summary>Headers every response carries: no sniffing, no framing, no referrer, and a policy with no inline script.</summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = Policy("'none'");
        await next(context);
    });

    /// <summary>The content security policy, with <paramref name="frameAncestors"/> as who may frame the page.</summary>
    public static string Policy(string frameAncestors) =>
        $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors {frameAncestors}; base-uri 'none'; form-action 'self'";
}
