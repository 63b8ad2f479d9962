using AnalyticsCenter.Web.Embed;
using Microsoft.AspNetCore.Antiforgery;

namespace AnalyticsCenter.Web.Access;

/// <summary>
/// A browser sends the sign-in cookie with any request, a forged one included; so every state-changing request made with
/// the cookie must also carry the page's anti-forgery token (the form field, or the <see cref="HeaderName"/> header the
/// scripts send). Bearer requests carry their key explicitly and need none.
/// </summary>
internal static class CookieAntiforgery
{
    public const string HeaderName = "X-CSRF-TOKEN";
    public const string FormFieldName = "csrf_token";

    public static IServiceCollection AddCookieAntiforgery(this IServiceCollection services) => services.AddAntiforgery(options =>
    {
        options.HeaderName = HeaderName;
        options.FormFieldName = FormFieldName;
        options.Cookie.Name = "ac_csrf";
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        // SecurityHeaders already sends X-Frame-Options: DENY.
        options.SuppressXFrameOptionsHeader = true;
    });

    public static IApplicationBuilder UseCookieAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var method = context.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        if (!safe && ((context.User.Identity?.AuthenticationType == WebSignIn.CookieScheme
                && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            || (context.User.IsEmbedded() && !EmbedSession.CarriesCsrfToken(context))))
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, "Anti-forgery check failed",
                $"a request signed in with the web cookie must carry the page's anti-forgery token (the {HeaderName} header); reload the page and try again");
            return;
        }

        await next(context);
    });
}
