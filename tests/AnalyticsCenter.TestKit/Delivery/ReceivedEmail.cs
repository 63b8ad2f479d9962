using MimeKit;

namespace AnalyticsCenter.TestKit.Delivery;

/// <summary>A message the loopback SMTP server took, as MimeKit parses it, with the envelope's recipients.</summary>
public sealed record ReceivedEmail(IReadOnlyList<string> Recipients, MimeMessage Message)
{
    /// <summary>The CSV attachment's text, or null.</summary>
    public string? CsvAttachment()
    {
        var part = Message.Attachments.OfType<MimePart>().FirstOrDefault(p => p.ContentType.MimeType == "text/csv");
        if (part?.Content is null)
        {
            return null;
        }

        using var decoded = new MemoryStream();
        part.Content.DecodeTo(decoded);
        return System.Text.Encoding.UTF8.GetString(decoded.ToArray());
    }
}
