using System.Security.Cryptography;
using System.Text;
using AnalyticsCenter.Core.Access;

namespace AnalyticsCenter.Core.Tests.Access;

public sealed class ApiKeyHasherTests
{
    [Fact]
    public void The_right_secret_verifies()
    {
        var secret = ApiKeyFormat.NewSecret();
        var salt = ApiKeyHasher.NewSalt();
        Assert.True(ApiKeyHasher.Verify(secret, salt, ApiKeyHasher.Hash(secret, salt)));
    }

    [Fact]
    public void A_one_character_change_anywhere_does_not()
    {
        var secret = ApiKeyFormat.NewSecret();
        var salt = ApiKeyHasher.NewSalt();
        var hash = ApiKeyHasher.Hash(secret, salt);
        for (var i = 0; i < secret.Length; i++)
        {
            var changed = secret[..i] + (secret[i] == 'a' ? 'b' : 'a') + secret[(i + 1)..];
            Assert.False(ApiKeyHasher.Verify(changed, salt, hash));
        }

        Assert.False(ApiKeyHasher.Verify(secret[..^1], salt, hash));
        Assert.False(ApiKeyHasher.Verify(secret + "a", salt, hash));
        Assert.False(ApiKeyHasher.Verify("", salt, hash));
    }

    [Fact]
    public void The_same_secret_under_another_salt_does_not()
    {
        var secret = ApiKeyFormat.NewSecret();
        var hash = ApiKeyHasher.Hash(secret, ApiKeyHasher.NewSalt());
        Assert.False(ApiKeyHasher.Verify(secret, ApiKeyHasher.NewSalt(), hash));
    }

    [Fact]
    public void A_truncated_or_empty_stored_hash_never_verifies()
    {
        var secret = ApiKeyFormat.NewSecret();
        var salt = ApiKeyHasher.NewSalt();
        var hash = ApiKeyHasher.Hash(secret, salt);
        Assert.False(ApiKeyHasher.Verify(secret, salt, hash.AsSpan(0, 16)));
        Assert.False(ApiKeyHasher.Verify(secret, salt, []));
    }

    [Fact]
    public void Salts_are_random_per_key_and_so_are_the_hashes_of_equal_secrets()
    {
        var salts = Enumerable.Range(0, 100).Select(_ => Convert.ToHexString(ApiKeyHasher.NewSalt())).ToList();
        Assert.Equal(100, salts.Distinct(StringComparer.Ordinal).Count());
        Assert.All(salts, s => Assert.Equal(ApiKeyHasher.SaltLength * 2, s.Length));

        const string Secret = "abcdefghijklmnopqrstuvwxyz234567";
        Assert.NotEqual(ApiKeyHasher.Hash(Secret, ApiKeyHasher.NewSalt()), ApiKeyHasher.Hash(Secret, ApiKeyHasher.NewSalt()));
    }

    [Fact]
    public void The_hash_is_sha256_of_the_salt_then_the_utf8_secret()
    {
        byte[] salt = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        const string Secret = "abcdefghijklmnopqrstuvwxyz234567";
        Assert.Equal(SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(Secret)]), ApiKeyHasher.Hash(Secret, salt));
    }
}
