namespace AnalyticsCenter.Subscriptions;

/// <summary>
/// The SMTP server subscriptions send through, from configuration section <c>Subscriptions:Smtp</c>. A class, not a
/// record: its text form must never show the password (a record's would).
/// </summary>
public sealed class SmtpSettings
{
    public string Host { get; init; } = "";

    public int Port { get; init; } = 587;

    public SmtpTls Tls { get; init; } = SmtpTls.StartTls;

    /// <summary>The login; none when empty (a relay that takes mail without one).</summary>
    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>The sender address.</summary>
    public string From { get; init; } = "";

    /// <summary>How long connecting and each command may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether email can be sent at all.</summary>
    public bool IsConfigured => Host.Length > 0 && From.Length > 0;

    public override string ToString() => $"{Host}:{Port} ({Tls}){(string.IsNullOrEmpty(User) ? "" : $" as {User}")}";
}
