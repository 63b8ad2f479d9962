using System.Security.Cryptography;
using System.Text;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.WhatsApp;

namespace AnalyticsCenter.TestKit;

/// <summary>
/// WhatsApp Cloud API webhook bodies in Meta's documented shapes (<c>Payloads/WhatsApp/*.json</c>), the two lines they
/// are for, and Meta's signature of a body.
/// </summary>
public static class WhatsAppPayloads
{
    /// <summary>An app secret for tests; never a real one.</summary>
    public const string AppSecret = "test-app-secret-5f1c";

    /// <summary>Acme's US number, Meta's documented example ids; link code <c>[BF26-IG]</c>, default flow conv_welcome v3.</summary>
    public static WhatsAppLine AcmeLine { get; } = new()
    {
        PhoneNumberId = "106540352242922",
        Workspace = WorkspaceId.Parse("acme"),
        Number = "15550783881",
        DisplayName = "Acme Support",
        DefaultConversation = new ConversationRef("conv_welcome", 3),
        LinkCodes = [new WhatsAppLinkCode("[BF26-IG]", "bf-2026", "instagram")],
    };

    /// <summary>Globex's Mexican number, without a default flow.</summary>
    public static WhatsAppLine GlobexLine { get; } = new()
    {
        PhoneNumberId = "112233445566778",
        Workspace = WorkspaceId.Parse("globex"),
        Number = "5215550001111",
        DisplayName = "Globex Ventas",
    };

    /// <summary>The wamid of the template that <c>status-delivered.json</c> and <c>status-read.json</c> report on.</summary>
    public const string DeliveredMessageId = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIyQjc3REVQTE9ZTUVOVDc3AA==";

    /// <summary>The wamid that <c>status-failed-131026.json</c> reports on.</summary>
    public const string Failed131026MessageId = "wamid.HBgMNTczMDAxMjM0NTY3FQIAERgSRkFJTEVEMTMxMDI2REVQNzgA";

    /// <summary>The wamid that <c>status-failed-131049.json</c> reports on.</summary>
    public const string Failed131049MessageId = "wamid.HBgMNTczMDA5ODc2NTQzFQIAERgSRkFJTEVEMTMxMDQ5REVQNzkA";

    /// <summary>The body of <c>Payloads/WhatsApp/<paramref name="name"/>.json</c>, byte for byte.</summary>
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", "WhatsApp", name + ".json"));

    /// <summary>What Meta sends in <c>X-Hub-Signature-256</c>: <c>sha256=</c> and the HMAC-SHA256 of the body, in hex.</summary>
    public static string Signature(byte[] body, string secret = AppSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
