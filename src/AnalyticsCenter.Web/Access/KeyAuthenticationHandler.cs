using System.Text.Encodings.Web;
using AnalyticsCenter.Core.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AnalyticsCenter.Web.Access;

/// <summary><c>Authorization: Bearer KEY</c>: the store checks the key (salted hash, constant time) and names its workspace.</summary>
internal sealed class KeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IAnalyticsStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "WorkspaceKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var key = store.Authenticate(header["Bearer ".Length..].Trim());
        return Task.FromResult(key is null
            ? AuthenticateResult.Fail("the key is unknown, revoked or malformed")
            : AuthenticateResult.Success(new AuthenticationTicket(WorkspaceClaims.For(key, SchemeName), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.Write(Context, StatusCodes.Status401Unauthorized, "Sign in needed",
            "send a workspace key as 'Authorization: Bearer KEY' (create one with: analytics keys create --workspace ID)");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Problems.Write(Context, StatusCodes.Status403Forbidden, "Not allowed for this key", "this key's scope does not allow this request");
    }
}
