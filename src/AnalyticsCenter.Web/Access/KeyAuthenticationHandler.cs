using System.Text.Encodings.Web;
using AnalyticsCenter.Core.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AnalyticsCenter.Web.Access;

/// <summary>
/// <c>Authorization: Bearer KEY</c>: the store checks the key (salted hash, constant time) and names its workspace; a key
/// that matches none counts against the client's address (<see cref="FailedSignIns"/>).
/// </summary>
internal sealed class KeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IAccessKeys keys, FailedSignIns failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "WorkspaceKey";

    private const string Bearer = "Bearer ";

    public static bool HasBearer(HttpRequest request) => request.Headers.Authorization.ToString().StartsWith(Bearer, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var key = await keys.AuthenticateAsync(Request.Headers.Authorization.ToString()[Bearer.Length..].Trim(), Context.RequestAborted);
        if (key is null)
        {
            failures.Failed(Context);
            return AuthenticateResult.Fail("the key is unknown, revoked or malformed");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(WorkspaceClaims.For(key, SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        // A key was sent and refused, or none was sent: each is told what to do about it.
        await (HasBearer(Request)
            ? Problems.Write(Context, StatusCodes.Status401Unauthorized, "Key refused",
                "the key was refused: it is unknown, revoked or mistyped (analytics keys list shows the keys, analytics keys create makes one; " +
                "send it as 'Authorization: Bearer KEY')")
            : Problems.Write(Context, StatusCodes.Status401Unauthorized, "Sign in needed",
                "send a workspace key as 'Authorization: Bearer KEY' (create one with: analytics keys create --workspace ID)"));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => WebSignIn.Forbidden(Context);
}
