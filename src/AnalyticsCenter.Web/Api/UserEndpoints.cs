using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Access;
using AnalyticsCenter.Web.Pages;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>/api/v1/users</c> (admin): the workspace's people: list, invite (a one-time link where they set a password), change
/// a role, issue a password reset link, remove. An admin cannot change or remove themselves, so a workspace never loses
/// its last admin by a slip.
/// </summary>
internal static class UserEndpoints
{
    private const string InviteExample = """{"email": "ana@example.com", "role": "analyst"}""";
    private const string RoleExample = """{"role": "viewer"}""";

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/users", async (HttpContext context, IWorkspaceUsers users) =>
            TypedResults.Ok((await users.ListUsersAsync(context.User.WorkspaceOf(), context.RequestAborted)).Select(UserView.Of)))
            .WithSummary("The workspace's users: email, role, whether they have set a password");
        admin.MapPost("/users", Invite).Accepts<InviteRequest>("application/json")
            .WithSummary("Invite a person by email with a role: the link is emailed to them when an SMTP server is configured, and is in the answer");
        admin.MapPatch("/users/{id}", ChangeRole).Accepts<RoleRequest>("application/json").WithSummary("Change a user's role");
        admin.MapPost("/users/{id}/password-reset", Reset)
            .WithSummary("A one-time link for a user to set a new password (their earlier links stop working)");
        admin.MapDelete("/users/{id}", async (HttpContext context, string id, IWorkspaceUsers users) =>
            IsSelf(context, id)
                ? Problems.Result(StatusCodes.Status409Conflict, "Not yourself", "an admin cannot remove themselves; another admin can")
                : await users.RemoveUserAsync(context.User.WorkspaceOf(), id, context.RequestAborted)
                    ? await context.Audited(Results.NoContent(), AuditAction.UserRemoved, id)
                    : NoSuchUser(id)).WithSummary("Remove a user: their sign-ins end at once");
    }

    private static async Task<IResult> Invite(HttpContext context, IWorkspaceUsers users, WebHostSettings settings, PasswordLinkMail mail)
    {
        var (request, problem) = await JsonBody.ReadAsync<InviteRequest>(context, InviteExample);
        if (request is null)
        {
            return problem!;
        }

        if (AccessNames.Role(request.Role ?? "viewer") is not { } role)
        {
            return UnknownRole(request.Role);
        }

        var workspace = context.User.WorkspaceOf();
        WorkspaceUser user;
        try
        {
            user = await users.AddUserAsync(workspace, request.Email ?? "", role, context.RequestAborted);
        }
        catch (ArgumentException ex)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Not an email address", ex.Message.Split(" (Parameter", 2)[0]);
        }
        catch (InvalidOperationException ex)
        {
            return Problems.Result(StatusCodes.Status409Conflict, "The email is taken", ex.Message);
        }

        var link = await users.IssuePasswordLinkAsync(workspace, user.UserId, PasswordLinkKind.Invitation, settings.InvitationLifetime, context.RequestAborted);
        await context.AuditAsync(AuditAction.UserInvited, user.UserId, user.Email, user.Role.ToString().ToLowerInvariant());
        return Results.Created($"/api/v1/users/{user.UserId}", await LinkView.SentAsync(context, link, mail));
    }

    private static async Task<IResult> ChangeRole(HttpContext context, string id, IWorkspaceUsers users)
    {
        var (request, problem) = await JsonBody.ReadAsync<RoleRequest>(context, RoleExample);
        if (request is null)
        {
            return problem!;
        }

        if (AccessNames.Role(request.Role) is not { } role)
        {
            return UnknownRole(request.Role);
        }

        if (IsSelf(context, id))
        {
            return Problems.Result(StatusCodes.Status409Conflict, "Not yourself", "an admin cannot change their own role; another admin can");
        }

        var workspace = context.User.WorkspaceOf();
        return await users.SetRoleAsync(workspace, id, role, context.RequestAborted)
            && await users.FindUserAsync(id, context.RequestAborted) is { } changed
            ? await context.Audited(Results.Ok(UserView.Of(changed)), AuditAction.RoleChanged, id, changed.Email, role.ToString().ToLowerInvariant())
            : NoSuchUser(id);
    }

    private static async Task<IResult> Reset(HttpContext context, string id, IWorkspaceUsers users, WebHostSettings settings, PasswordLinkMail mail)
    {
        try
        {
            var link = await users.IssuePasswordLinkAsync(
                context.User.WorkspaceOf(), id, PasswordLinkKind.Reset, settings.PasswordResetLifetime, context.RequestAborted);
            return Results.Ok(await LinkView.SentAsync(context, link, mail));
        }
        catch (KeyNotFoundException)
        {
            return NoSuchUser(id);
        }
    }

    private static bool IsSelf(HttpContext context, string id) => context.User.FindFirst(WorkspaceClaims.UserId)?.Value == id;

    private static IResult NoSuchUser(string id) => Problems.Result(StatusCodes.Status404NotFound, "No such user", $"this workspace has no user {id}");

    private static IResult UnknownRole(string? role) =>
        Problems.Result(StatusCodes.Status400BadRequest, "Unknown role", $"\"{role}\" is not viewer, analyst or admin");
}

/// <summary>What <c>POST /api/v1/users</c> takes.</summary>
internal sealed record InviteRequest(string? Email, string? Role);

/// <summary>What <c>PATCH /api/v1/users/{id}</c> takes.</summary>
internal sealed record RoleRequest(string? Role);

/// <summary>A user as the API shows them.</summary>
internal sealed record UserView(string Id, string Email, string Role, DateTime CreatedAt, bool HasPassword)
{
    public static UserView Of(WorkspaceUser user) => new(user.UserId, user.Email, AccessNames.Of(user.Role), user.CreatedAtUtc, user.HasPassword);
}

/// <summary>
/// A one-time password link just issued: <c>url</c> is never shown again; <c>emailed</c> says whether it went to its person
/// by email, and <c>email_problem</c> why not when sending failed.
/// </summary>
internal sealed record LinkView(UserView User, string Kind, string Url, DateTime ExpiresAt, bool Emailed, string? EmailProblem)
{
    /// <summary>The link, emailed to its person first when an SMTP server is configured.</summary>
    public static async Task<LinkView> SentAsync(HttpContext context, IssuedPasswordLink link, PasswordLinkMail mail)
    {
        var url = PasswordPages.Url(context.Request, link.Token);
        var sent = mail.IsConfigured ? await mail.SendAsync(link, url, context.RequestAborted) : null;
        return new(UserView.Of(link.User), link.Kind == PasswordLinkKind.Invitation ? "invitation" : "reset", url, link.ExpiresAtUtc,
            sent?.Delivered ?? false, sent is { Delivered: false } ? sent.Reason : null);
    }
}
