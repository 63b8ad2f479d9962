namespace AnalyticsCenter.Core.WhatsApp;

/// <summary>A flow and its version, as events name it in <c>conversation</c>.</summary>
public sealed record ConversationRef(string Id, int Version)
{
    /// <summary>Reads <c>ID:VERSION</c> (<c>conv_welcome:3</c>); null when it is not that shape.</summary>
    public static ConversationRef? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var colon = text.LastIndexOf(':');
        return colon > 0
               && int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None,
                   System.Globalization.CultureInfo.InvariantCulture, out var version)
               && !string.IsNullOrWhiteSpace(text[..colon])
            ? new ConversationRef(text[..colon], version)
            : null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id}:{Version}";
}
