using System.Text;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AnalyticsCenter.Web.Embed;

/// <summary>
/// Checks the token a host platform signed for <c>GET /embed</c>: an HS256 JWT whose header names the key (<c>kid</c>) of
/// the host its <c>iss</c> names; signed by that active key, for this service (<c>aud</c>), not expired (by the injected
/// clock, with a small skew), living no longer than <see cref="EmbedSettings.MaxTokenLifetime"/>, naming a workspace the key
/// may open, a role and a person, and never used before (its <c>jti</c> is kept in the store until it would be expired).
/// The signature and audience are checked by Microsoft.IdentityModel, not by hand.
/// </summary>
internal sealed class EmbedTokens(IEmbedKeys keys, EmbedSettings settings, TimeProvider time)
{
    private static readonly JsonWebTokenHandler s_handler = new() { MapInboundClaims = false };
    private static readonly EmbedRefusal s_unreadable =
        EmbedRefusal.Invalid("The address carries no embed token the tab can read. Reload the page the tab is on.");

    public async Task<(EmbedVisit? Visit, EmbedRefusal? Refusal)> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || !s_handler.CanReadToken(token))
        {
            return (null, s_unreadable);
        }

        JsonWebToken read;
        try
        {
            read = s_handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            // The library's "malformed token" exceptions are argument exceptions.
            return (null, s_unreadable);
        }

        if (string.IsNullOrEmpty(read.Kid) || string.IsNullOrEmpty(read.Issuer) || read.Issuer.Length > EmbedRules.MaxNameLength
            || await keys.FindEmbedKeyAsync(read.Issuer, read.Kid, cancellationToken) is not { } key)
        {
            return (null, EmbedRefusal.Invalid("The token was signed with a key this server does not know, or one that was revoked."));
        }

        var result = await s_handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = key.Key.Host,
            ValidAudience = settings.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key.Secret)) { KeyId = key.Key.KeyId },
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            // The lifetime is checked below by the injected clock.
            ValidateLifetime = false,
        });
        var keyWorkspace = WorkspaceId.TryParse(key.Key.Workspace, out var only) ? only : (WorkspaceId?)null;
        if (!result.IsValid)
        {
            // Unsigned claims name nobody: only a key of one workspace puts the refusal in a log.
            return (null, (result.Exception is SecurityTokenInvalidAudienceException
                ? EmbedRefusal.Refused("The token was made for another service (its audience is not this one's).")
                : EmbedRefusal.Invalid("The token's signature does not match: it was changed, or signed with another secret."))
                .In(keyWorkspace, Actor.Embedded(key.Key.Host, "", "unverified token", "")));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        var signedBy = Actor.Embedded(key.Key.Host, Claim(jwt, "sub") ?? "", Claim(jwt, "name") ?? "", Claim(jwt, "email") ?? "");
        var signedFor = keyWorkspace ?? (WorkspaceId.TryParse(Claim(jwt, "workspace"), out var named) ? named : null);
        var now = time.GetUtcNow().UtcDateTime;
        if (Lifetime(jwt, now) is { } wrongTime)
        {
            return (null, wrongTime.In(signedFor, signedBy));
        }

        var (visit, refusal) = Visit(jwt, key.Key);
        if (visit is null)
        {
            return (null, refusal!.In(signedFor, signedBy));
        }

        return await keys.UseEmbedTokenAsync(key.Key.Host, jwt.Id, jwt.ValidTo + settings.ClockSkew, cancellationToken)
            ? (visit, null)
            : (null, EmbedRefusal.Refused("This token was already used: each one opens the tab once. Reload the page the tab is on.").In(signedFor, signedBy));
    }

    private EmbedRefusal? Lifetime(JsonWebToken jwt, DateTime now)
    {
        if (jwt.ValidTo == DateTime.MinValue)
        {
            return EmbedRefusal.Invalid("The token has no expiry (exp); tokens must expire within minutes.");
        }

        if (jwt.ValidTo + settings.ClockSkew <= now)
        {
            return EmbedRefusal.Invalid("The token has expired. Reload the page the tab is on.");
        }

        if (jwt.ValidTo - now > settings.MaxTokenLifetime + settings.ClockSkew)
        {
            return EmbedRefusal.Invalid(
                $"The token lives too long: it must expire within {settings.MaxTokenLifetime.TotalMinutes:0} minutes of being made.");
        }

        return jwt.ValidFrom != DateTime.MinValue && jwt.ValidFrom - settings.ClockSkew > now
            ? EmbedRefusal.Invalid("The token is not valid yet (nbf): check the host's clock.")
            : null;
    }

    private static (EmbedVisit? Visit, EmbedRefusal? Refusal) Visit(JsonWebToken jwt, EmbedKey key)
    {
        var workspace = Claim(jwt, "workspace");
        var role = AccessNames.Role(Claim(jwt, "role"));
        var subject = Claim(jwt, "sub");
        string email;
        try
        {
            email = TeamRules.Email(Claim(jwt, "email"));
        }
        catch (ArgumentException)
        {
            return (null, EmbedRefusal.Invalid("The token names no valid email address (email)."));
        }

        if (!WorkspaceId.TryParse(workspace, out var id) || role is null || string.IsNullOrWhiteSpace(subject) || subject.Length > EmbedRules.MaxNameLength
            || string.IsNullOrEmpty(jwt.Id) || jwt.Id.Length > EmbedRules.MaxNameLength)
        {
            return (null, EmbedRefusal.Invalid(
                "The token lacks a field the tab needs: workspace, role (viewer, analyst or admin), sub (the user's id) and jti (a unique id)."));
        }

        if (key.Workspace is { } only && only != id.Value)
        {
            return (null, EmbedRefusal.Refused($"The key that signed the token may open workspace {only} only, not {id}."));
        }

        var look = EmbedLook.Of(Claim(jwt, "locale"), Claim(jwt, "zoneinfo"), Claim(jwt, "theme"), Claim(jwt, "accent"),
            jwt.TryGetPayloadValue<bool>("hide_topbar", out var hide) && hide);
        var name = Claim(jwt, "name") is { Length: > 0 and <= 200 } given ? given : email;
        return (new EmbedVisit(key.Host, key.KeyId, id, role.Value, subject, name, email, look), null);
    }

    private static string? Claim(JsonWebToken jwt, string name) => jwt.TryGetPayloadValue<string>(name, out var value) ? value : null;
}
