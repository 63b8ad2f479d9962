using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Access;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace AnalyticsCenter.Web.Pages;

/// <summary>
/// <c>/password/{token}</c>: where an invited person sets their first password, or a person whose password was reset
/// sets a new one, through a one-time expiring link; then they are signed in. Used, expired and unknown links get a page
/// saying so.
/// </summary>
internal static class PasswordPages
{
    public static string Url(HttpRequest request, string token) => $"{request.Scheme}://{request.Host}{TeamRules.PasswordPath(token)}";

    public static void Map(WebApplication app)
    {
        var pages = app.MapGroup("/password").ExcludeFromDescription().AllowAnonymous();
        pages.MapGet("/{token}", async (HttpContext context, string token, IWorkspaceUsers users, IAntiforgery antiforgery) =>
            await users.FindPasswordLinkAsync(token, context.RequestAborted) is { } user
                ? Form(context, antiforgery, user.Email, "", StatusCodes.Status200OK)
                : Gone());
        pages.MapPost("/{token}", SetPassword);
    }

    private static async Task<IResult> SetPassword(HttpContext context, string token, IWorkspaceUsers users, IAntiforgery antiforgery)
    {
        if (await users.FindPasswordLinkAsync(token, context.RequestAborted) is not { } user)
        {
            return Gone();
        }

        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return Form(context, antiforgery, user.Email, "The form had expired. Please try again.", StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var password = form["password"].ToString();
        if (Passwords.Problem(password) is { } problem)
        {
            return Form(context, antiforgery, user.Email, problem, StatusCodes.Status400BadRequest);
        }

        if (password != form["confirm"].ToString())
        {
            return Form(context, antiforgery, user.Email, "The two passwords differ.", StatusCodes.Status400BadRequest);
        }

        if (await users.RedeemPasswordLinkAsync(token, Passwords.Hash(user, password), context.RequestAborted) is not { } redeemed)
        {
            return Gone();
        }

        await context.SignInAsync(WebSignIn.CookieScheme, WorkspaceClaims.For(redeemed, WebSignIn.CookieScheme));
        return Results.LocalRedirect("/");
    }

    private static IResult Form(HttpContext context, IAntiforgery antiforgery, string email, string error, int status) =>
        HtmlPage.Render("password", new Dictionary<string, string>
        {
            ["csrf"] = antiforgery.GetAndStoreTokens(context).RequestToken!,
            ["email"] = email,
            ["error"] = error,
            ["min"] = Passwords.MinLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, status);

    private static IResult Gone() => HtmlPage.Render("message", new Dictionary<string, string>
    {
        ["title"] = "This link does not work",
        ["message"] = "The link is unknown, was already used, or has expired. Ask a workspace admin for a new one.",
    }, StatusCodes.Status404NotFound);
}
