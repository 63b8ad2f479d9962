using System.Security.Cryptography;
using System.Text;

namespace AnalyticsCenter.Core.Access;

/// <summary>
/// Turns a key's secret into what the store keeps: SHA-256 over salt || UTF-8(secret). The secret itself is never stored.
/// A fast hash is the right choice here, unlike for passwords: secrets are 160 random bits, not something a person chose,
/// so there is no dictionary to try and slowing each guess down buys nothing, while every API request pays for the check.
/// The per-key salt keeps equal secrets (should they ever occur) from having equal hashes.
/// </summary>
public static class ApiKeyHasher
{
    /// <summary>Bytes of salt per key.</summary>
    public const int SaltLength = 16;

    /// <summary>A new random salt.</summary>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltLength);

    /// <summary>SHA-256 over <paramref name="salt"/> followed by the UTF-8 bytes of <paramref name="secret"/>.</summary>
    public static byte[] Hash(string secret, ReadOnlySpan<byte> salt)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var input = new byte[salt.Length + Encoding.UTF8.GetByteCount(secret)];
        salt.CopyTo(input);
        Encoding.UTF8.GetBytes(secret, input.AsSpan(salt.Length));
        return SHA256.HashData(input);
    }

    /// <summary>
    /// Whether <paramref name="secret"/> hashes to <paramref name="expectedHash"/> with <paramref name="salt"/>. The comparison
    /// takes the same time wherever the first differing byte is, so response times reveal nothing about the stored hash.
    /// </summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(secret, salt), expectedHash);
}
