using System.Globalization;
using System.Net;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Subscriptions;
using MimeKit;

namespace AnalyticsCenter.Web.Access;

/// <summary>
/// Emails an invitation or a password reset link to its person, when an SMTP server is configured (the subscriptions'
/// <c>Subscriptions:Smtp</c>); without one the admin is given the link to pass on.
/// </summary>
internal sealed class PasswordLinkMail(SmtpMailer mailer)
{
    public bool IsConfigured => mailer.IsConfigured;

    /// <summary>Sends <paramref name="link"/> (its address <paramref name="url"/>) to its user; how it went, in words.</summary>
    public Task<SendOutcome> SendAsync(IssuedPasswordLink link, string url, CancellationToken cancellationToken)
    {
        var invitation = link.Kind == PasswordLinkKind.Invitation;
        var what = invitation
            ? $"You are invited to the Analytics Center of workspace {link.User.Workspace} as {AccessNames.Of(link.User.Role)}."
            : $"A new password was asked for your Analytics Center account in workspace {link.User.Workspace}.";
        var until = string.Create(CultureInfo.InvariantCulture, $"The link works once, until {link.ExpiresAtUtc:yyyy-MM-dd HH:mm} UTC.");
        var message = new MimeMessage { Subject = invitation ? "Your invitation to the Analytics Center" : "Reset your Analytics Center password" };
        message.From.Add(mailer.From);
        message.To.Add(MailboxAddress.Parse(link.User.Email));
        message.Body = new BodyBuilder
        {
            TextBody = $"{what}\n\nSet your password here: {url}\n\n{until}\n",
            HtmlBody = $"<!doctype html><html><body style=\"font-family:sans-serif\"><p>{WebUtility.HtmlEncode(what)}</p>"
                       + $"<p><a href=\"{WebUtility.HtmlEncode(url)}\">Set your password</a></p><p>{WebUtility.HtmlEncode(until)}</p></body></html>",
        }.ToMessageBody();
        return mailer.SendAsync(message, cancellationToken);
    }
}
