using AnalyticsCenter.Core.Access;

namespace AnalyticsCenter.Core.Tests.Access;

public sealed class ApiKeyFormatTests
{
    private const string WellFormed = "ack_abcdefgh2345_abcdefghijklmnopqrstuvwxyz234567";

    [Fact]
    public void A_new_key_is_ack_then_a_12_character_id_then_a_32_character_secret_in_lowercase_base32()
    {
        var key = ApiKeyFormat.Format(ApiKeyFormat.NewKeyId(), ApiKeyFormat.NewSecret());
        Assert.Matches("^ack_[a-z2-7]{12}_[a-z2-7]{32}$", key);
        Assert.Equal(ApiKeyFormat.KeyLength, key.Length);
    }

    [Fact]
    public void New_ids_and_secrets_are_random()
    {
        Assert.Equal(200, Enumerable.Range(0, 200).Select(_ => ApiKeyFormat.NewKeyId()).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(200, Enumerable.Range(0, 200).Select(_ => ApiKeyFormat.NewSecret()).Distinct(StringComparer.Ordinal).Count());

        // Every character of the alphabet turns up: the generator draws from all 32, not a subset.
        var used = string.Concat(Enumerable.Range(0, 50).Select(_ => ApiKeyFormat.NewSecret())).Distinct().Count();
        Assert.Equal(32, used);
    }

    [Fact]
    public void A_well_formed_key_splits_into_id_and_secret()
    {
        var parsed = ApiKeyFormat.Parse(WellFormed);
        Assert.Equal(new PresentedApiKey("abcdefgh2345", "abcdefghijklmnopqrstuvwxyz234567"), parsed);
        Assert.DoesNotContain(parsed!.Secret, parsed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_key_round_trips()
    {
        var keyId = ApiKeyFormat.NewKeyId();
        var secret = ApiKeyFormat.NewSecret();
        Assert.Equal(new PresentedApiKey(keyId, secret), ApiKeyFormat.Parse(ApiKeyFormat.Format(keyId, secret)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("ack_")]
    [InlineData("ack__")]
    [InlineData("ack_abcdefgh2345_")]
    [InlineData("ack_abcdefgh2345_abcdefghijklmnopqrstuvwxyz23456")]
    [InlineData("ack_abcdefgh2345_abcdefghijklmnopqrstuvwxyz2345678")]
    [InlineData("ack_abcdefgh234_aabcdefghijklmnopqrstuvwxyz234567")]
    [InlineData("ACK_abcdefgh2345_abcdefghijklmnopqrstuvwxyz234567")]
    [InlineData("ack_ABCDEFGH2345_abcdefghijklmnopqrstuvwxyz234567")]
    [InlineData("ack_abcdefgh2345_abcdefghijklmnopqrstuvwxyz23456A")]
    [InlineData("ack_abcdefgh2345_abcdefghijklmnopqrstuvwxyz234561")]
    [InlineData("ack_abcdefgh2340_abcdefghijklmnopqrstuvwxyz234567")]
    [InlineData("ack_abcdefgh2345-abcdefghijklmnopqrstuvwxyz234567")]
    [InlineData("xck_abcdefgh2345_abcdefghijklmnopqrstuvwxyz234567")]
    [InlineData(" ack_abcdefgh2345_abcdefghijklmnopqrstuvwxyz23456")]
    [InlineData("ack_abcdefgh2345_abcdefghijklmnopqrstuvwxyz23456\n")]
    [InlineData("ack_abcdefgh2345_abcdefghijklmnopqrstuvwxyz23456\0")]
    [InlineData("ack_abcdefgh2345_abcdefghijklmnopqrstuvwxyz23456é")]
    [InlineData("ack_abcdefgh2345_abcdefghijklmnopqrstuvwxyz23456\ud800")]
    [InlineData("Bearer ack_abcdefgh2345_abcdefghijklmnopqrstuvwxyz234567")]
    public void Anything_else_parses_to_null_without_throwing(string? presented) => Assert.Null(ApiKeyFormat.Parse(presented));

    [Fact]
    public void A_huge_or_random_presentation_parses_to_null()
    {
        Assert.Null(ApiKeyFormat.Parse(new string('a', 1_000_000)));
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var chars = new char[random.Next(0, 80)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = (char)random.Next(0, 0x10000);
            }

            _ = ApiKeyFormat.Parse(new string(chars));
        }
    }

    [Theory]
    [InlineData("abcdefgh2345", true)]
    [InlineData("abcdefgh234", false)]
    [InlineData("abcdefgh23456", false)]
    [InlineData("ABCDEFGH2345", false)]
    [InlineData("abcdefgh2341", false)]
    [InlineData(null, false)]
    public void A_key_id_is_12_base32_characters(string? text, bool expected) => Assert.Equal(expected, ApiKeyFormat.IsKeyId(text));

    [Fact]
    public void A_created_key_does_not_print_its_secret()
    {
        var secret = ApiKeyFormat.NewSecret();
        var info = new ApiKeyInfo("abcdefgh2345", "acme", "k", KeyScope.Read, DateTime.UnixEpoch, null);
        var created = new CreatedApiKey(info, ApiKeyFormat.Format(info.KeyId, secret));
        Assert.DoesNotContain(secret, created.ToString(), StringComparison.Ordinal);
        Assert.Contains("abcdefgh2345", created.ToString(), StringComparison.Ordinal);
    }
}
