using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace AnalyticsCenter.Subscriptions;

/// <summary>Sends one message through the configured SMTP server (MailKit); a failure is an outcome in words, never a throw.</summary>
public sealed class SmtpMailer(SmtpSettings smtp)
{
    /// <summary>Whether email can be sent at all.</summary>
    public bool IsConfigured => smtp.IsConfigured;

    /// <summary>The sender address every message carries.</summary>
    public MailboxAddress From => MailboxAddress.Parse(smtp.From);

    /// <summary>Connects, logs in when a user is configured, sends <paramref name="message"/>, and says how it went.</summary>
    public async Task<SendOutcome> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!smtp.IsConfigured)
        {
            return SendOutcome.Failed("no SMTP server is configured (Subscriptions:Smtp:Host and :From)");
        }

        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, Options(smtp.Tls), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(new NetworkCredential(smtp.User, smtp.Password), cancellationToken);
            }

            var answer = await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return SendOutcome.Ok(answer);
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException
                                       or ServiceNotConnectedException or IOException or SocketException or TimeoutException)
        {
            // MailKit's messages name the server's reply, never the credentials.
            return SendOutcome.Failed($"SMTP {smtp.Host}:{smtp.Port}: {ex.Message}");
        }
    }

    private static SecureSocketOptions Options(SmtpTls tls) => tls switch
    {
        SmtpTls.Implicit => SecureSocketOptions.SslOnConnect,
        SmtpTls.StartTls => SecureSocketOptions.StartTls,
        SmtpTls.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        _ => SecureSocketOptions.None,
    };
}
