using System.Security.Cryptography;
using System.Text;

namespace AnalyticsCenter.Core.WhatsApp;

/// <summary>
/// Meta's <c>X-Hub-Signature-256</c>: <c>sha256=</c> followed by the hex HMAC-SHA256 of the raw body, keyed with the
/// app secret. Only a body signed with the secret passes; the comparison takes the same time wherever it differs.
/// </summary>
public static class WebhookSignature
{
    private const string Prefix = "sha256=";

    /// <summary>Whether <paramref name="header"/> is the signature of <paramref name="body"/> under <paramref name="appSecret"/>.</summary>
    public static bool IsValid(ReadOnlySpan<byte> body, string? header, string appSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(appSecret);
        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || header.Length != Prefix.Length + (2 * HMACSHA256.HashSizeInBytes)
            || Convert.FromHexString(header.AsSpan(Prefix.Length), presented, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != presented.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }
}
