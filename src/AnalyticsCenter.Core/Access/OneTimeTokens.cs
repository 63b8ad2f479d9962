using System.Security.Cryptography;
using System.Text;

namespace AnalyticsCenter.Core.Access;

/// <summary>
/// The secret in a password link or a share link: an API key's secret (160 random bits, base32), stored only as its
/// SHA-256, which is also how it is looked up. Unsalted on purpose: the secret is random, not chosen by a person, so there
/// is no dictionary to precompute (the reasoning of <see cref="ApiKeyHasher"/>).
/// </summary>
public static class OneTimeTokens
{
    /// <summary>A new random token.</summary>
    public static string NewToken() => ApiKeyFormat.NewSecret();

    /// <summary>What the store keeps and looks up: SHA-256 of the token's UTF-8 bytes, or null when it is not a token's shape.</summary>
    public static byte[]? Hash(string? token) =>
        ApiKeyFormat.IsSecret(token) ? SHA256.HashData(Encoding.UTF8.GetBytes(token!)) : null;
}
