using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace AnalyticsCenter.Web.Api;

/// <summary>Where the next page starts: the last row's time and id, opaque to clients (base64url).</summary>
internal readonly record struct PageCursor(DateTime After, string AfterId)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{After.Ticks.ToString(CultureInfo.InvariantCulture)}|{AfterId}"));

    public static bool TryDecode(string? text, out PageCursor cursor)
    {
        cursor = default;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|', 2);
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks)
            {
                cursor = new PageCursor(new DateTime(ticks, DateTimeKind.Utc), parts[1]);
                return true;
            }
        }
        catch (FormatException)
        {
            // Not base64url: not a cursor of ours.
        }

        return false;
    }
}
