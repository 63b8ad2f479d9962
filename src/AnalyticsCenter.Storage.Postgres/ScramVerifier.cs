using System.Security.Cryptography;
using System.Text;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// The SCRAM-SHA-256 verifier PostgreSQL keeps for a password (RFC 5802, 7677): sent in <c>CREATE ROLE … PASSWORD</c> in
/// its place, so the password itself never reaches the server, its logs or its statement views.
/// </summary>
internal static class ScramVerifier
{
    private const int Iterations = 4096;

    /// <summary><c>SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey</c> for <paramref name="password"/> (ASCII: needs no SASLprep).</summary>
    public static string For(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        var storedKey = Convert.ToBase64String(SHA256.HashData(clientKey));
        return $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${storedKey}:{Convert.ToBase64String(serverKey)}";
    }
}
