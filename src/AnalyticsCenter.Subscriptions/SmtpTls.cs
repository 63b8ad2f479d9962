namespace AnalyticsCenter.Subscriptions;

/// <summary>How the SMTP connection is secured (configuration <c>Subscriptions:Smtp:Tls</c>).</summary>
public enum SmtpTls
{
    /// <summary>TLS from the first byte (port 465).</summary>
    Implicit,

    /// <summary>Plain, then STARTTLS, which must succeed (port 587).</summary>
    StartTls,

    /// <summary>STARTTLS when the server offers it, plain otherwise.</summary>
    StartTlsWhenAvailable,

    /// <summary>Never encrypted: only for a relay on this machine.</summary>
    None,
}
