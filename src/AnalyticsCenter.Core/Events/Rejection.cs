namespace AnalyticsCenter.Core.Events;

/// <summary>Why an input line was not applied.</summary>
/// <param name="Category">The reason without the offending value, for counting by reason (<c>user.phone is not a valid number</c>).</param>
/// <param name="Reason">The reason in words, naming the field and the value (<c>user.phone "12" is not a valid number</c>).</param>
public sealed record Rejection(string Category, string Reason)
{
    /// <summary>A reason whose words carry no value, so category and reason are the same.</summary>
    public static Rejection Of(string reason) => new(reason, reason);

    /// <summary><paramref name="field"/> holds an escape no string can hold: half of a surrogate pair, without the other half.</summary>
    public static Rejection NotUnicode(string field) => new(
        $"{field} is not valid Unicode",
        $"{field} is not valid Unicode: it holds half of a surrogate pair (a \\uD800–\\uDFFF escape without its other half, as a cut emoji leaves)");

    /// <summary>
    /// <paramref name="what"/>, whose bytes are <paramref name="text"/>, is not UTF-8: says at which byte, and that its raw
    /// text is kept with U+FFFD where it is not.
    /// </summary>
    public static Rejection NotUtf8(string category, string what, ReadOnlySpan<byte> text)
    {
        var offset = 0;
        while (System.Text.Rune.DecodeFromUtf8(text[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        return new Rejection(
            category, $"{what} is not valid UTF-8 (byte {offset + 1} is 0x{text[offset]:X2}); its raw text is kept with U+FFFD (�) in place of what is not");
    }
}
