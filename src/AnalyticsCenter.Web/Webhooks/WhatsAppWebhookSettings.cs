using System.Text;

namespace AnalyticsCenter.Web.Webhooks;

/// <summary>
/// The WhatsApp Cloud API webhook's secrets and limit. Immutable; each default is documented on its property. Read from
/// configuration: the environment variables <see cref="AppSecretVariable"/> and <see cref="VerifyTokenVariable"/>, else a
/// settings file's <c>WhatsApp:AppSecret</c> and <c>WhatsApp:VerifyToken</c>. The secrets never appear in its text, so
/// printing or logging the settings cannot leak them.
/// </summary>
public sealed record WhatsAppWebhookSettings
{
    /// <summary>The environment variable holding the Meta app's secret.</summary>
    public const string AppSecretVariable = "ANALYTICS_WHATSAPP_APP_SECRET";

    /// <summary>The environment variable holding the verify token typed into Meta's webhook setup.</summary>
    public const string VerifyTokenVariable = "ANALYTICS_WHATSAPP_VERIFY_TOKEN";

    /// <summary>
    /// The Meta app's secret, which signs every delivery (<c>X-Hub-Signature-256</c>). Default none: deliveries are
    /// refused with 503, since none could be checked.
    /// </summary>
    public string? AppSecret { get; init; }

    /// <summary>The token Meta's verification handshake must present. Default none: the handshake is refused with 503.</summary>
    public string? VerifyToken { get; init; }

    /// <summary>The largest delivery body accepted, in bytes; larger gets 413. Default 3 MiB (Meta's deliveries are far smaller).</summary>
    public long MaxBodyBytes { get; init; } = 3L << 20;

    /// <summary>Reads the settings from <paramref name="configuration"/>; a blank value counts as none.</summary>
    public static WhatsAppWebhookSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new WhatsAppWebhookSettings
        {
            AppSecret = NonBlank(configuration[AppSecretVariable]) ?? NonBlank(configuration["WhatsApp:AppSecret"]),
            VerifyToken = NonBlank(configuration[VerifyTokenVariable]) ?? NonBlank(configuration["WhatsApp:VerifyToken"]),
        };
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AppSecret = ").Append(AppSecret is null ? "(none)" : "(set)")
            .Append(", VerifyToken = ").Append(VerifyToken is null ? "(none)" : "(set)")
            .Append(", MaxBodyBytes = ").Append(MaxBodyBytes);
        return true;
    }
}
