using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AnalyticsCenter.Web.Embed;

/// <summary>
/// Signs an embed token as a host platform's back end does (HS256, the key's id as <c>kid</c>): what <c>analytics demo</c>'s
/// sample host and the tests use, and the C# a host can copy. The times come from the caller's clock, never the library's.
/// </summary>
public static class EmbedTokenSigner
{
    private static readonly JsonWebTokenHandler s_handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <param name="host">The host's name (<c>iss</c>), as its key was added.</param>
    /// <param name="keyId">The key's id (<c>kid</c>).</param>
    /// <param name="secret">The key's secret: its UTF-8 bytes are the HMAC key.</param>
    /// <param name="audience">This service's audience (<see cref="EmbedSettings.Audience"/>).</param>
    /// <param name="claims">workspace, role, sub, name, email, and optionally locale, zoneinfo, theme, accent, hide_topbar;
    /// a <c>jti</c> is added when missing.</param>
    /// <param name="now">When the token is made (<c>iat</c>, <c>nbf</c>).</param>
    /// <param name="lifetime">Until <c>exp</c>: minutes.</param>
    public static string Sign(
        string host, string keyId, string secret, string audience, IReadOnlyDictionary<string, object> claims, DateTimeOffset now, TimeSpan lifetime)
    {
        var payload = claims.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        payload.TryAdd("jti", Guid.NewGuid().ToString("N"));
        return s_handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = host,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Claims = payload,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) { KeyId = keyId }, SecurityAlgorithms.HmacSha256),
        });
    }
}
