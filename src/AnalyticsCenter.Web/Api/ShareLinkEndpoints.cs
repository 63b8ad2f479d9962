using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Query;
using AnalyticsCenter.Web.Access;
using AnalyticsCenter.Web.Pages;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Primitives;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>/api/v1/shares</c> (admin): read-only links to one report with fixed filters, opened at <c>/share/{token}</c>
/// without signing in: list, create (the link shown once), revoke.
/// </summary>
internal static class ShareLinkEndpoints
{
    public const int MaxDays = 365;

    private const string Example = """{"report": "drop-off", "filters": {"from": "2026-11-01T00:00:00Z"}, "expires_in_days": 30}""";

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/shares", async (HttpContext context, IShareLinks shares, TimeProvider time) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            return TypedResults.Ok((await shares.ListShareLinksAsync(context.User.WorkspaceOf(), context.RequestAborted)).Select(l => ShareView.Of(l, now)));
        }).WithSummary("The workspace's share links, newest first, revoked and expired ones included; never their tokens");
        admin.MapPost("/shares", Create).Accepts<ShareRequest>("application/json")
            .WithSummary("Make a read-only link to a report with fixed filters, expiring in 1 to 365 days; the answer holds the link, once");
        admin.MapDelete("/shares/{id}", async (HttpContext context, string id, IShareLinks shares) =>
            await shares.RevokeShareLinkAsync(context.User.WorkspaceOf(), id, context.RequestAborted)
                ? Results.NoContent()
                : Problems.Result(StatusCodes.Status404NotFound, "No such link", $"this workspace has no active share link {id}"))
            .WithSummary("Revoke a share link: it stops opening at once");
    }

    private static async Task Create(
        HttpContext context, IShareLinks shares, IWorkspaceSettings settings, TimeProvider time, IWorkspaceUploads uploads, ITenantQueries store)
    {
        var (request, problem) = await JsonBody.ReadAsync<ShareRequest>(context, Example);
        if (request is null)
        {
            await problem!.ExecuteAsync(context);
            return;
        }

        var days = request.ExpiresInDays ?? 30;
        if (days is < 1 or > MaxDays)
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, "Bad expiry", $"expires_in_days takes 1 to {MaxDays}");
            return;
        }

        // The filters are checked now, as the report will read them, so a link never opens onto an error.
        var filters = (request.Filters ?? []).Where(f => !string.IsNullOrEmpty(f.Value)).ToDictionary(f => f.Key, f => new StringValues(f.Value));
        var workspace = context.User.WorkspaceOf();
        if (await ReportEndpoints.Filters(context, request.Report ?? "", filters, workspace, settings, uploads, store) is not var (report, _))
        {
            return;
        }

        var text = new QueryBuilder(filters).ToQueryString().Value?.TrimStart('?') ?? "";
        if (text.Length > ShareLink.MaxFiltersLength)
        {
            await Problems.Write(
                context, StatusCodes.Status400BadRequest, "Filters too long", $"a share link's filters take at most {ShareLink.MaxFiltersLength} characters");
            return;
        }

        var created = await shares.CreateShareLinkAsync(
            workspace, report.Report.Name, text, time.GetUtcNow().UtcDateTime.AddDays(days), context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.Location = $"/api/v1/shares/{created.Link.Id}";
        await context.Response.WriteAsJsonAsync(
            new CreatedShareView(ShareView.Of(created.Link, created.Link.CreatedAtUtc), SharePages.Url(context.Request, created.Token)),
            context.RequestAborted);
    }
}

/// <summary>What <c>POST /api/v1/shares</c> takes: the report's name, its filters by name, and days until the link expires (default 30).</summary>
internal sealed record ShareRequest(string? Report, Dictionary<string, string>? Filters, int? ExpiresInDays);

/// <summary>A share link as the API shows it: never its token.</summary>
internal sealed record ShareView(
    string Id, string Report, string Title, string Filters, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, bool Active)
{
    public static ShareView Of(ShareLink link, DateTime nowUtc) => new(
        link.Id, link.Report, ReadyReport.Find(link.Report)?.Title ?? link.Report, link.Filters, link.CreatedAtUtc, link.ExpiresAtUtc, link.RevokedAtUtc,
        link.IsActiveAt(nowUtc));
}

/// <summary>A share link just made: <c>url</c> is never shown again.</summary>
internal sealed record CreatedShareView(ShareView Link, string Url);
