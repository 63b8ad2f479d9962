using System.Security.Cryptography;
using System.Text;
using AnalyticsCenter.Core.WhatsApp;

namespace AnalyticsCenter.Core.Tests.WhatsApp;

public sealed class WebhookSignatureTests
{
    private const string Secret = "app-secret";
    private static readonly byte[] s_body = Encoding.UTF8.GetBytes("""{"object":"whatsapp_business_account","entry":[]}""");

    private static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    [Fact]
    public void The_hmac_of_the_raw_body_under_the_app_secret_passes_in_either_hex_case()
    {
        Assert.True(WebhookSignature.IsValid(s_body, Sign(s_body, Secret), Secret));
        Assert.True(WebhookSignature.IsValid(s_body, "sha256=" + Sign(s_body, Secret)[7..].ToUpperInvariant(), Secret));
    }

    [Fact]
    public void Another_secret_another_body_or_a_malformed_header_fails()
    {
        var otherBody = Encoding.UTF8.GetBytes("""{"object":"whatsapp_business_account","entry":[] }""");
        Assert.False(WebhookSignature.IsValid(s_body, Sign(s_body, "other-secret"), Secret));
        Assert.False(WebhookSignature.IsValid(otherBody, Sign(s_body, Secret), Secret));
        Assert.False(WebhookSignature.IsValid(s_body, null, Secret));
        Assert.False(WebhookSignature.IsValid(s_body, "", Secret));
        Assert.False(WebhookSignature.IsValid(s_body, Sign(s_body, Secret)[7..], Secret));
        Assert.False(WebhookSignature.IsValid(s_body, "sha1=" + Sign(s_body, Secret)[7..], Secret));
        Assert.False(WebhookSignature.IsValid(s_body, Sign(s_body, Secret)[..^2] + "zz", Secret));
        Assert.False(WebhookSignature.IsValid(s_body, Sign(s_body, Secret) + "00", Secret));
    }
}
