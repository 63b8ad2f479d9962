using System.Globalization;
using System.Net;
using System.Text.Json;
using AnalyticsCenter.Core.Alerts;
using MimeKit;

namespace AnalyticsCenter.Subscriptions;

/// <summary>
/// What an alert's transition says, by email and as a webhook's JSON: firing or resolved, the number, the condition and the
/// threshold, with the transition's idempotency key (the Message-ID, the body's <c>id</c>).
/// </summary>
/// <param name="Alert">Whose transition.</param>
/// <param name="Transition">The change: to firing, or back to ok (resolved).</param>
/// <param name="Title">The saved query's name or the report's title.</param>
public sealed record AlertNotice(Alert Alert, AlertTransition Transition, string Title)
{
    /// <summary>The number as people read it, or "no rows".</summary>
    public string ValueText => Transition.Value is { } value ? value.ToString("0.####", CultureInfo.InvariantCulture) : "no rows";

    public string Subject => $"[{Transition.Word}] {Alert.Request.Name}: {ValueText} ({Alert.Request.Condition})";

    /// <summary>One sentence saying it all.</summary>
    public string Text => string.Create(CultureInfo.InvariantCulture,
        $"Alert \"{Alert.Request.Name}\" is {Transition.Word} for workspace {Alert.Request.Workspace}, as of {Transition.AsOfUtc:yyyy-MM-dd HH:mm} UTC: ")
        + $"{Title} is {ValueText}; the condition \"{Alert.Request.Condition}\" {(Transition.State == AlertState.Firing ? "holds" : "no longer holds")}.";

    /// <summary>The email to <paramref name="from"/>'s configured sender and the alert's addresses.</summary>
    /// <exception cref="ParseException">The target is not an address list.</exception>
    public MimeMessage Email(MailboxAddress from)
    {
        var message = new MimeMessage
        {
            Subject = Subject,
            MessageId = $"{Transition.IdempotencyKey}@{EmailChannel.MessageIdDomain}",
            Date = new DateTimeOffset(Transition.AsOfUtc, TimeSpan.Zero),
        };
        message.From.Add(from);
        message.To.AddRange(InternetAddressList.Parse(Alert.Request.Target));
        message.Headers.Add("X-Analytics-Idempotency-Key", Transition.IdempotencyKey);
        message.Body = new BodyBuilder
        {
            TextBody = Text + Environment.NewLine,
            HtmlBody = $"<!doctype html><html><body style=\"font-family:sans-serif\"><p>{WebUtility.HtmlEncode(Text)}</p></body></html>",
        }.ToMessageBody();
        return message;
    }

    /// <summary>The webhook's JSON body.</summary>
    public byte[] Json()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", Transition.IdempotencyKey);
            json.WriteString("alert_id", Alert.Id);
            json.WriteString("alert_name", Alert.Request.Name);
            json.WriteString("workspace", Alert.Request.Workspace.Value);
            json.WriteString("status", Transition.Word);
            json.WriteString("as_of", Transition.AsOfUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("title", Title);
            if (Transition.Value is { } value)
            {
                json.WriteNumber("value", value);
            }
            else
            {
                json.WriteNull("value");
            }

            json.WriteString("operator", AlertOperatorNames.Name(Alert.Request.Operator));
            json.WriteNumber("threshold", Alert.Request.Threshold);
            json.WriteString("text", Text);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
