using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AnalyticsCenter.Subscriptions;

/// <summary>
/// The <c>X-Analytics-Signature</c> header of subscription webhooks: <c>t=UNIX_SECONDS,v1=HEX</c>, where HEX is the
/// lowercase hex HMAC-SHA256, keyed with the subscription's secret (as its hex text, UTF-8), of the ASCII timestamp, a dot,
/// and the raw body. The timestamp lets a receiver refuse replays older than its tolerance.
/// </summary>
public static class WebhookSigner
{
    /// <summary>The header's name.</summary>
    public const string Header = "X-Analytics-Signature";

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="at"/>.</summary>
    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Convert.ToHexStringLower(Mac(secret, timestamp, body))}";
    }

    /// <summary>
    /// Whether <paramref name="header"/> signs <paramref name="body"/> under <paramref name="secret"/> with a timestamp within
    /// <paramref name="tolerance"/> of <paramref name="now"/>; compared in constant time.
    /// </summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        string? timestamp = null, v1 = null;
        foreach (var part in (header ?? "").Split(','))
        {
            var (key, value) = part.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (part[..eq].Trim(), part[(eq + 1)..].Trim()) : ("", "");
            (timestamp, v1) = key switch { "t" => (value, v1), "v1" => (timestamp, value), _ => (timestamp, v1) };
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance
            || v1 is null || v1.Length != 2 * HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(v1);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Mac(secret, timestamp!, body), presented);
    }

    private static byte[] Mac(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
