using System.Globalization;
using System.Text;
using AnalyticsCenter.Core.Uploads;

namespace AnalyticsCenter.Query.Uploads;

/// <summary>
/// Reads a cell's text as a column type, strictly and culture-free, so inference never guesses: numbers are plain
/// (<c>-12</c>, <c>3.50</c>; a leading zero or plus, as in phone numbers and codes, keeps a column text), dates ISO
/// (<c>2026-03-01</c>), timestamps ISO with <c>T</c> or a space, with a zone (<c>Z</c>, <c>+02:00</c>) or without.
/// </summary>
internal static class UploadValues
{
    /// <summary>The most digits after the point an exact number may have (DuckDB keeps DECIMAL(38,12)).</summary>
    public const int MaxScale = 12;

    /// <summary>Types tried in order, narrowest first: a column takes the first its every value reads as.</summary>
    public static readonly UploadColumnType[] InferenceOrder =
    [
        UploadColumnType.Boolean, UploadColumnType.WholeNumber, UploadColumnType.ExactNumber, UploadColumnType.Date,
        UploadColumnType.Timestamp, UploadColumnType.TimestampTz,
    ];

    private static readonly string[] s_timestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    private static readonly string[] s_zonedFormats = [.. s_timestampFormats.SelectMany(f => new[] { f + "'Z'", f + "zzz" })];

    /// <summary><paramref name="text"/> as <paramref name="type"/>'s value, or false.</summary>
    public static bool TryRead(UploadColumnType type, string text, out object value)
    {
        value = text;
        switch (type)
        {
            case UploadColumnType.Text:
                return true;
            case UploadColumnType.Boolean:
                var isTrue = text.Equals("true", StringComparison.OrdinalIgnoreCase);
                value = isTrue;
                return isTrue || text.Equals("false", StringComparison.OrdinalIgnoreCase);
            case UploadColumnType.WholeNumber:
                var plainWhole = IsPlainNumber(text, allowPoint: false);
                var whole = 0L;
                var readWhole = plainWhole && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out whole);
                value = whole;
                return readWhole;
            case UploadColumnType.ExactNumber:
                var plain = IsPlainNumber(text, allowPoint: true) && Scale(text) <= MaxScale;
                var exact = 0m;
                var readExact = plain
                    && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out exact);
                value = exact;
                return readExact;
            case UploadColumnType.Date:
                var readDate = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
                value = date;
                return readDate;
            case UploadColumnType.Timestamp:
                var readStamp = DateTime.TryParseExact(text, s_timestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var stamp);
                value = DateTime.SpecifyKind(stamp, DateTimeKind.Unspecified);
                return readStamp;
            case UploadColumnType.TimestampTz:
                var readZoned = DateTimeOffset.TryParseExact(text, s_zonedFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var zoned);
                value = zoned.UtcDateTime;
                return readZoned;
            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    /// <summary>
    /// Whether inference should leave a number as text: more than 15 digits is an identifier (Meta ad ids have 18), not a
    /// quantity, and sessions keep such ids as text, which a join compares with. Naming the type keeps it a number.
    /// </summary>
    public static bool LooksLikeAnId(UploadColumnType type, string text) =>
        type is UploadColumnType.WholeNumber or UploadColumnType.ExactNumber && text.Count(char.IsAsciiDigit) > 15;

    /// <summary>What a value counts toward a workspace's bytes: text its UTF-8 length, anything else 8.</summary>
    public static long Size(object? value) => value switch
    {
        null => 0,
        string text => Encoding.UTF8.GetByteCount(text),
        _ => 8,
    };

    /// <summary>What a user is told a type looks like when a value does not read as it.</summary>
    public static string Example(UploadColumnType type) => type switch
    {
        UploadColumnType.Boolean => "true or false",
        UploadColumnType.WholeNumber => "a whole number such as -12 or 3500",
        UploadColumnType.ExactNumber => $"a number such as 3.50 (a point, no thousands separator, at most {MaxScale} decimals)",
        UploadColumnType.Date => "a date such as 2026-03-01",
        UploadColumnType.Timestamp => "a date and time such as 2026-03-01 14:30:00",
        UploadColumnType.TimestampTz => "a date and time with a zone such as 2026-03-01T14:30:00Z or 2026-03-01T14:30:00+02:00",
        _ => "text",
    };

    private static bool IsPlainNumber(string text, bool allowPoint)
    {
        var digits = text.AsSpan(text.StartsWith('-') ? 1 : 0);
        var point = allowPoint ? digits.IndexOf('.') : -1;
        var whole = point < 0 ? digits : digits[..point];
        var fraction = point < 0 ? [] : digits[(point + 1)..];
        return whole.Length > 0 && !(whole.Length > 1 && whole[0] == '0') && (point < 0 || fraction.Length > 0)
            && !whole.ContainsAnyExceptInRange('0', '9') && !fraction.ContainsAnyExceptInRange('0', '9');
    }

    private static int Scale(string text) => text.IndexOf('.', StringComparison.Ordinal) is var point and >= 0 ? text.Length - point - 1 : 0;
}
