using System.Buffers;
using System.Security.Cryptography;

namespace AnalyticsCenter.Core.Access;

/// <summary>
/// The text of a workspace API key: <c>ack_&lt;keyId&gt;_&lt;secret&gt;</c>, with a 12-character id and a 32-character secret, both
/// lowercase base32 (RFC 4648 alphabet) from <see cref="RandomNumberGenerator"/>. The prefix makes a leaked key easy to
/// recognise (secret scanners, logs); base32 survives URLs, headers and copy-paste without escaping.
/// </summary>
public static class ApiKeyFormat
{
    /// <summary>What every key starts with.</summary>
    public const string Prefix = "ack_";

    /// <summary>Characters in a key id (60 random bits: a collision is not a practical concern, and is retried anyway).</summary>
    public const int KeyIdLength = 12;

    /// <summary>Characters in a secret (160 random bits: far beyond guessing, which is why a fast hash suffices).</summary>
    public const int SecretLength = 32;

    /// <summary>Characters in a whole key.</summary>
    public const int KeyLength = 4 + KeyIdLength + 1 + SecretLength;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private static readonly SearchValues<char> s_alphabet = SearchValues.Create(Alphabet);

    /// <summary>A new random key id.</summary>
    public static string NewKeyId() => RandomNumberGenerator.GetString(Alphabet, KeyIdLength);

    /// <summary>A new random secret.</summary>
    public static string NewSecret() => RandomNumberGenerator.GetString(Alphabet, SecretLength);

    /// <summary>The key's full text.</summary>
    public static string Format(string keyId, string secret) => Prefix + keyId + "_" + secret;

    /// <summary>Whether <paramref name="text"/> has the shape of a key id (so it can be looked up at all).</summary>
    public static bool IsKeyId(string? text) => text is { Length: KeyIdLength } && IsBase32(text);

    /// <summary>Whether <paramref name="text"/> has the shape of a secret (and so of a <see cref="OneTimeTokens"/> token).</summary>
    public static bool IsSecret(string? text) => text is { Length: SecretLength } && IsBase32(text);

    /// <summary>
    /// Splits a presented key into id and secret, or null when it is not exactly a key's shape. Never throws: whatever a
    /// client sends (null, empty, huge, binary) is simply not a key.
    /// </summary>
    public static PresentedApiKey? Parse(string? presented)
    {
        if (presented is not { Length: KeyLength }
            || !presented.StartsWith(Prefix, StringComparison.Ordinal)
            || presented[Prefix.Length + KeyIdLength] != '_')
        {
            return null;
        }

        var keyId = presented.AsSpan(Prefix.Length, KeyIdLength);
        var secret = presented.AsSpan(Prefix.Length + KeyIdLength + 1);
        return IsBase32(keyId) && IsBase32(secret) ? new PresentedApiKey(keyId.ToString(), secret.ToString()) : null;
    }

    private static bool IsBase32(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(s_alphabet);
}
