using System.Text;
using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Core.Ingestion;

/// <summary>
/// A timeline's (workspace, line, country code, cellphone) as one UTF-8 key, the parts joined by a unit separator
/// (0x1F), which none of them can hold: a workspace is <c>A-Z a-z 0-9 _ -</c>, the rest are digits and a plus sign.
/// The workspace comes first and the rest (the tail) after it, so an event's key is its workspace column and its tail.
/// </summary>
public static class TimelineKey
{
    private const byte Separator = 0x1F;

    /// <summary>Writes the tail that follows the workspace; returns its length in bytes.</summary>
    public static int WriteTail(ByteBuffer text, string line, string countryCode, string cellphone)
    {
        var start = text.Length;
        foreach (var part in (ReadOnlySpan<string>)[line, countryCode, cellphone])
        {
            text.WriteByte(Separator);
            text.Write(part);
        }

        return text.Length - start;
    }

    /// <summary>The whole key of a stored timeline.</summary>
    public static byte[] Of(string workspace, string line, string countryCode, string cellphone) =>
        Encoding.UTF8.GetBytes(string.Join((char)Separator, workspace, line, countryCode, cellphone));

    /// <summary>Where the key's four parts are, in order: workspace, line, country code, cellphone.</summary>
    public static MemoryExtensions.SpanSplitEnumerator<byte> Parts(ReadOnlySpan<byte> key) => key.Split(Separator);
}
