using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Query;
using AnalyticsCenter.Web.Api;
using Microsoft.AspNetCore.WebUtilities;

namespace AnalyticsCenter.Web.Pages;

/// <summary>
/// <c>/share/{token}</c>: one report with the link's fixed filters, for anyone with the link and no sign-in. The token
/// opens that page and its rows (<c>/share/{token}/rows</c>) only: it is no key and sets no cookie, so no other page or
/// API is reachable with it, and an expired or revoked link shows a page saying so, never data.
/// </summary>
internal static class SharePages
{
    public static string Url(HttpRequest request, string token) => $"{request.Scheme}://{request.Host}/share/{token}";

    /// <param name="app">The host.</param>
    /// <param name="rateLimit">The per-caller limit, here per address: each request for rows runs the report.</param>
    public static void Map(WebApplication app, string rateLimit)
    {
        var pages = app.MapGroup("/share").ExcludeFromDescription().AllowAnonymous().RequireRateLimiting(rateLimit);
        pages.MapGet("/{token}", async (HttpContext context, string token, IShareLinks shares) =>
            await shares.FindShareLinkAsync(token, context.RequestAborted) is { } link && ReadyReport.Find(link.Report) is { } report
                ? HtmlPage.Render("share", new Dictionary<string, string>
                {
                    ["title"] = report.Title,
                    ["description"] = report.Description,
                    ["filters"] = link.Filters.Length == 0 ? "no filters" : Uri.UnescapeDataString(link.Filters.Replace("&", ", ", StringComparison.Ordinal)),
                    ["expires"] = link.ExpiresAtUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
                })
                : Gone());
        pages.MapGet("/{token}/rows", async (
            HttpContext context, string token, IShareLinks shares, ITenantQueries store, IWorkspaceSettings settings, IWorkspaceUploads uploads,
            IDataVersions versions, ReportAnswers answers) =>
        {
            if (await shares.FindShareLinkAsync(token, context.RequestAborted) is not { } link)
            {
                await Problems.Write(context, StatusCodes.Status404NotFound, "Link not found", "this share link is unknown, revoked or expired");
                return;
            }

            // Everyone the link was sent to reads the same answer: kept as the API keeps it, until the workspace's data changes.
            var workspace = WorkspaceId.Parse(link.Workspace);
            var version = await versions.DataVersionAsync(workspace, context.RequestAborted);
            if (await ReportEndpoints.Filters(
                    context, link.Report, QueryHelpers.ParseQuery(link.Filters), workspace, settings, uploads, store) is var (report, values))
            {
                await answers.WriteAsync(context, workspace, version, report, values, ResultFormat.Json);
            }
        });
    }

    private static IResult Gone() => HtmlPage.Render("message", new Dictionary<string, string>
    {
        ["title"] = "This link does not open",
        ["message"] = "The share link is unknown, was revoked, or has expired. Ask whoever shared it for a new one.",
    }, StatusCodes.Status404NotFound);
}
