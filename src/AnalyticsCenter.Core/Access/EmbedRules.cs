using System.Buffers.Text;
using System.Security.Cryptography;

namespace AnalyticsCenter.Core.Access;

/// <summary>What every store checks the same way before it keeps an embed key or a used token id.</summary>
public static class EmbedRules
{
    /// <summary>
    /// Active keys one host may have per workspace scope: two, so a host rotates by adding the new key, moving its signer
    /// to it, then revoking the old one, with no moment when neither is accepted.
    /// </summary>
    public const int MaxActiveKeysPerHost = 2;

    /// <summary>The longest host name, and the longest token id (<c>jti</c>) kept against replay.</summary>
    public const int MaxNameLength = 100;

    /// <summary><paramref name="host"/> trimmed, when it is a name: letters, digits, <c>.</c>, <c>-</c>, <c>_</c>.</summary>
    /// <exception cref="ArgumentException">It is blank, too long, or holds other characters.</exception>
    public static string Host(string? host)
    {
        var trimmed = host?.Trim() ?? "";
        return trimmed.Length is > 0 and <= MaxNameLength && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? trimmed
            : throw new ArgumentException(
                $"\"{host}\" is not a host name (1 to {MaxNameLength} letters, digits, '.', '-' or '_')", nameof(host));
    }

    /// <summary>A new secret: 256 random bits as base64url text (43 characters), whose UTF-8 bytes the host signs with.</summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The message when a host already has <see cref="MaxActiveKeysPerHost"/> active keys.</summary>
    public static string TooManyKeys(string host) =>
        $"host {host} already has {MaxActiveKeysPerHost} active embed keys; revoke the older one first";
}
