using System.Globalization;
using System.Net;
using System.Text;
using AnalyticsCenter.Core.Subscriptions;
using MimeKit;

namespace AnalyticsCenter.Subscriptions;

/// <summary>
/// Email over SMTP (MailKit): a short text and HTML body with the first rows and the CSV attached. The Message-ID is the
/// delivery's idempotency key, so a second send of the same slot (a crash before it was recorded) is one message to mail
/// systems that deduplicate.
/// </summary>
public sealed class EmailChannel(SmtpSettings smtp) : IDeliveryChannel
{
    /// <summary>The right-hand side of every Message-ID.</summary>
    public const string MessageIdDomain = "analytics-center";

    public ChannelKind Kind => ChannelKind.Email;

    public async Task<SendOutcome> SendAsync(Subscription subscription, Delivery delivery, ResultAttachment result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(result);
        if (!smtp.IsConfigured)
        {
            return SendOutcome.Failed("no SMTP server is configured (Subscriptions:Smtp:Host and :From)");
        }

        MimeMessage message;
        try
        {
            message = Compose(subscription, delivery, result);
        }
        catch (ParseException ex)
        {
            return SendOutcome.Failed($"not an email address list: {ex.Message}");
        }

        return await new SmtpMailer(smtp).SendAsync(message, cancellationToken);
    }

    /// <summary>The message for one delivery: subject, both bodies, the CSV, and the Message-ID of its idempotency key.</summary>
    internal MimeMessage Compose(Subscription subscription, Delivery delivery, ResultAttachment result)
    {
        var request = subscription.Request;
        var message = new MimeMessage
        {
            Subject = $"{request.Name}: {result.Title}",
            MessageId = $"{delivery.IdempotencyKey}@{MessageIdDomain}",
            Date = new DateTimeOffset(delivery.SlotUtc, TimeSpan.Zero),
        };
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.AddRange(InternetAddressList.Parse(request.Target));
        message.Headers.Add("X-Analytics-Idempotency-Key", delivery.IdempotencyKey);

        var body = new BodyBuilder { TextBody = Text(request, delivery, result), HtmlBody = Html(request, delivery, result) };
        body.Attachments.Add(FileName(request, delivery), result.Csv.ToArray(), new ContentType("text", "csv") { Charset = "utf-8" });
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string FileName(NewSubscription request, Delivery delivery)
    {
        var safe = new string(request.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return $"{(safe.Length > 0 ? safe : "results")}-{delivery.SlotUtc:yyyy-MM-dd'T'HHmm'Z'}.csv";
    }

    private static string Summary(NewSubscription request, Delivery delivery, ResultAttachment result) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{result.Title} for workspace {request.Workspace}, as of {delivery.SlotUtc:yyyy-MM-dd HH:mm} UTC: {result.TotalRows:N0} rows.");

    private static string Text(NewSubscription request, Delivery delivery, ResultAttachment result)
    {
        var text = new StringBuilder().AppendLine(Summary(request, delivery, result)).AppendLine();
        text.AppendLine(string.Join(" | ", result.Columns));
        foreach (var row in result.FirstRows)
        {
            text.AppendLine(string.Join(" | ", row.Select(v => v ?? "")));
        }

        if (result.TotalRows > result.FirstRows.Count)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"… the first {result.FirstRows.Count} rows; all are in the attached CSV.");
        }

        if (result.CutNote is { } note)
        {
            text.AppendLine(note);
        }

        return text.ToString();
    }

    private static string Html(NewSubscription request, Delivery delivery, ResultAttachment result)
    {
        var html = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">");
        html.Append("<p>").Append(WebUtility.HtmlEncode(Summary(request, delivery, result))).Append("</p>");
        html.Append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\" style=\"border-collapse:collapse\"><tr>");
        foreach (var column in result.Columns)
        {
            html.Append("<th>").Append(WebUtility.HtmlEncode(column)).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var row in result.FirstRows)
        {
            html.Append("<tr>");
            foreach (var value in row)
            {
                html.Append("<td>").Append(WebUtility.HtmlEncode(value ?? "")).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
        if (result.CutNote is { } note)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(note)).Append("</p>");
        }

        return html.Append("</body></html>").ToString();
    }
}
