using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AnalyticsCenter.Query;

/// <summary>
/// Formats single result values as text (CSV fields, table cells) and as JSON values, following
/// shared/spec/tables.md: NULL is "no text" (an empty CSV field, JSON null), timestamps are
/// ISO 8601 UTC with a 'Z' suffix and trimmed fractional seconds, numbers use the invariant culture.
/// </summary>
internal static class ValueFormatter
{
    /// <summary>The options of every JSON writer here: compact, non-ASCII kept readable.</summary>
    public static JsonWriterOptions JsonOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    // Characters that a JSON string cannot hold as they are (control characters, quote, backslash),
    // that are better escaped (line and paragraph separators), or that need a check (surrogates).
    private static readonly SearchValues<char> s_jsonSpecialChars = SearchValues.Create(BuildJsonSpecialChars());

    /// <summary>Whether the value is SQL NULL (<see cref="DBNull"/> or a null reference).</summary>
    public static bool IsNull(object? value) => value is null or DBNull;

    /// <summary>
    /// Whether values of the type are numbers (right-aligned in the table, JSON numbers).
    /// </summary>
    public static bool IsNumericType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte)
            || type == typeof(ulong) || type == typeof(uint) || type == typeof(ushort) || type == typeof(byte)
            || type == typeof(decimal) || type == typeof(double) || type == typeof(float) || type == typeof(Half)
            || type == typeof(BigInteger) || type == typeof(Int128) || type == typeof(UInt128);
    }

    /// <summary>
    /// The text of a value, as written in a CSV field or a table cell; null for SQL NULL.
    /// Lists, structs and maps are written as their compact JSON text.
    /// </summary>
    public static string? FormatText(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTime dt => FormatTimestamp(dt),
        DateTimeOffset dto => FormatTimestamp(dto.UtcDateTime),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => FormatTime(t),
        TimeSpan ts => ts.ToString("c", CultureInfo.InvariantCulture),
        Guid g => g.ToString("D"),
        char c => c.ToString(),
        byte[] bytes => Convert.ToBase64String(bytes),
        Stream stream => Convert.ToBase64String(ReadAll(stream)),
        Enum e => e.ToString(),
        IDictionary or IEnumerable => ToJsonText(value),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>
    /// Formats a timestamp as ISO 8601 UTC: <c>2026-11-20T14:03:11Z</c>, with fractional seconds only
    /// when they are non-zero and then without trailing zeros (<c>2026-11-20T14:03:11.25Z</c>).
    /// <see cref="DateTimeKind.Unspecified"/> values are taken as UTC (DuckDB's TIMESTAMP holds UTC);
    /// <see cref="DateTimeKind.Local"/> values are converted to UTC.
    /// </summary>
    public static string FormatTimestamp(DateTime value)
    {
        if (value.Kind == DateTimeKind.Local)
        {
            value = value.ToUniversalTime();
        }

        Span<char> buffer = stackalloc char[32];
        value.TryFormat(buffer, out var length, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        length += AppendFraction(buffer[length..], value.Ticks % TimeSpan.TicksPerSecond);
        buffer[length++] = 'Z';
        return new string(buffer[..length]);
    }

    /// <summary>Formats a time of day as <c>HH:mm:ss</c> with trimmed fractional seconds when non-zero.</summary>
    public static string FormatTime(TimeOnly value)
    {
        Span<char> buffer = stackalloc char[24];
        value.TryFormat(buffer, out var length, "HH:mm:ss", CultureInfo.InvariantCulture);
        length += AppendFraction(buffer[length..], value.Ticks % TimeSpan.TicksPerSecond);
        return new string(buffer[..length]);
    }

    /// <summary>
    /// Writes a value as JSON: null for SQL NULL, numbers as numbers (non-finite floating point
    /// values as null), booleans, lists as arrays, structs and maps as objects, everything else
    /// as a string holding its <see cref="FormatText"/> text.
    /// </summary>
    public static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null or DBNull:
                writer.WriteNullValue();
                break;
            case string s:
                WriteJsonString(writer, s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case short sh:
                writer.WriteNumberValue(sh);
                break;
            case sbyte sb:
                writer.WriteNumberValue(sb);
                break;
            case ulong ul:
                writer.WriteNumberValue(ul);
                break;
            case uint ui:
                writer.WriteNumberValue(ui);
                break;
            case ushort us:
                writer.WriteNumberValue(us);
                break;
            case byte by:
                writer.WriteNumberValue(by);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case double d:
                WriteJsonNumber(writer, d);
                break;
            case float f when float.IsFinite(f):
                writer.WriteNumberValue(f);
                break;
            case float:
                writer.WriteNullValue();
                break;
            case Half h:
                WriteJsonNumber(writer, (double)h);
                break;
            case BigInteger or Int128 or UInt128:
                writer.WriteRawValue(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            case byte[] or Stream:
                WriteJsonString(writer, FormatText(value));
                break;
            case IDictionary dictionary:
                writer.WriteStartObject();
                var entries = dictionary.GetEnumerator();
                while (entries.MoveNext())
                {
                    writer.WritePropertyName(FormatText(entries.Key) ?? string.Empty);
                    WriteJson(writer, entries.Value);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteJsonString(writer, FormatText(value));
                break;
        }
    }

    /// <summary>
    /// Writes a JSON string. Unlike <see cref="Utf8JsonWriter.WriteStringValue(string)"/> with the relaxed
    /// encoder, this keeps every non-ASCII character as it is, emoji included, escaping only what JSON
    /// requires (quote, backslash, control characters) plus U+2028 and U+2029; a lone surrogate becomes U+FFFD.
    /// </summary>
    public static void WriteJsonString(Utf8JsonWriter writer, ReadOnlySpan<char> text)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var buffer = ArrayPool<char>.Shared.Rent(2 + (text.Length * 6));
        try
        {
            var length = EscapeJsonString(text, buffer);
            writer.WriteRawValue(buffer.AsSpan(0, length), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The compact JSON text of a value (used for lists, structs and maps in CSV and table output).</summary>
    public static string ToJsonText(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            WriteJson(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteJsonNumber(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    // Writes the quoted, escaped text into the destination (of length at least 2 + 6 × text length).
    private static int EscapeJsonString(ReadOnlySpan<char> text, Span<char> destination)
    {
        var length = 0;
        destination[length++] = '"';
        while (!text.IsEmpty)
        {
            var special = text.IndexOfAny(s_jsonSpecialChars);
            if (special < 0)
            {
                text.CopyTo(destination[length..]);
                length += text.Length;
                break;
            }

            text[..special].CopyTo(destination[length..]);
            length += special;
            var c = text[special];
            var consumed = 1;
            switch (c)
            {
                case '"':
                    length += Write(destination[length..], "\\\"");
                    break;
                case '\\':
                    length += Write(destination[length..], "\\\\");
                    break;
                case '\n':
                    length += Write(destination[length..], "\\n");
                    break;
                case '\r':
                    length += Write(destination[length..], "\\r");
                    break;
                case '\t':
                    length += Write(destination[length..], "\\t");
                    break;
                case '\b':
                    length += Write(destination[length..], "\\b");
                    break;
                case '\f':
                    length += Write(destination[length..], "\\f");
                    break;
                case < ' ' or '\u2028' or '\u2029':
                    length += Write(destination[length..], "\\u");
                    ((int)c).TryFormat(destination[length..], out var digits, "x4", CultureInfo.InvariantCulture);
                    length += digits;
                    break;
                default:
                    if (char.IsHighSurrogate(c) && special + 1 < text.Length && char.IsLowSurrogate(text[special + 1]))
                    {
                        destination[length++] = c;
                        destination[length++] = text[special + 1];
                        consumed = 2;
                    }
                    else
                    {
                        destination[length++] = '\uFFFD';
                    }

                    break;
            }

            text = text[(special + consumed)..];
        }

        destination[length++] = '"';
        return length;
    }

    private static int Write(Span<char> destination, string text)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    // Writes ".fffffff" without trailing zeros for a non-zero tick count below one second.
    private static int AppendFraction(Span<char> destination, long ticks)
    {
        if (ticks == 0)
        {
            return 0;
        }

        destination[0] = '.';
        ticks.TryFormat(destination[1..], out var digits, "D7", CultureInfo.InvariantCulture);
        var fraction = destination.Slice(1, digits).TrimEnd('0');
        return 1 + fraction.Length;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string BuildJsonSpecialChars()
    {
        var chars = new StringBuilder();
        for (var c = '\0'; c < ' '; c++)
        {
            chars.Append(c);
        }

        chars.Append("\"\\\u2028\u2029");
        for (var c = '\uD800'; c <= '\uDFFF'; c++)
        {
            chars.Append(c);
        }

        return chars.ToString();
    }
}
