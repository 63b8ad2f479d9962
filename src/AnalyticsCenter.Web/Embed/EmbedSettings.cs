namespace AnalyticsCenter.Web.Embed;

/// <summary>How the web tab is embedded in host platforms (<c>GET /embed</c>). Immutable; each default is documented on its property.</summary>
public sealed record EmbedSettings
{
    /// <summary>
    /// The host platforms that may frame the tab: the name their tokens carry as <c>iss</c> → their origin
    /// (<c>https://platform.example</c>). Embed pages allow exactly these origins as frame ancestors, and report their height
    /// to the session's host origin only. Default none: no page may be framed, though a signed token still opens a session.
    /// </summary>
    public IReadOnlyDictionary<string, string> Hosts { get; init; } = new Dictionary<string, string>();

    /// <summary>What a token's <c>aud</c> must be: this service's name as hosts sign for it. Default <c>analytics-center</c>.</summary>
    public string Audience { get; init; } = "analytics-center";

    /// <summary>How far in the future a token's expiry may be when it arrives. Default 10 minutes.</summary>
    public TimeSpan MaxTokenLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How far the host's clock may be from this server's when expiry and not-before are checked. Default 30 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The origin of <paramref name="url"/> (<c>scheme://host[:port]</c>), as CSP and postMessage compare it.</summary>
    /// <exception cref="ArgumentException">It is not an absolute http or https address.</exception>
    public static string Origin(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/"
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo)
            ? uri.GetLeftPart(UriPartial.Authority)
            : throw new ArgumentException($"\"{url}\" is not an origin (http or https://host[:port], no path)", nameof(url));

    /// <summary>The <c>frame-ancestors</c> source list: the hosts' origins, or <c>'none'</c> when there are none.</summary>
    internal string FrameAncestors =>
        Hosts.Count == 0 ? "'none'" : string.Join(' ', Hosts.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
