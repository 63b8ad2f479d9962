using System.Text;
using CsCheck;

namespace AnalyticsCenter.TestKit;

/// <summary>
/// Generators of event lines gone wrong, as a hostile or broken client sends them: valid lines of every type cut short,
/// with bytes flipped, escapes that are half a surrogate pair or NUL, bytes that are not UTF-8, nesting past any limit,
/// numbers past any range, keys repeated with values of the wrong type, odd whitespace, byte order marks, NUL bytes and
/// very long values. None holds a line feed, so each stays one line of NDJSON.
/// </summary>
public static class PoisonLines
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Text put inside a string value as it stands in JSON: escapes good and bad, and characters outside ASCII.</summary>
    private static readonly string[] s_stringFragments =
    [
        @"\ud800", @"\udbff", @"\udc00", @"\udfff", @"\ud83d", @"\ud83d\ude00", @"\ude00\ud83d", @"\ud800\ud800", @"\ud800\u0041",
        @"\u0000", @"\\", @"\""", @"\/", @"\b\f\n\r\t", @"\uZZZZ", @"\u12", @"\x", @"\", "\"", "\u0001", "😀", "é", "\u2028", "\uFEFF",
    ];

    /// <summary>Byte sequences that are not UTF-8: a stray continuation, overlong, an encoded surrogate, cut short, past U+10FFFF.</summary>
    private static readonly byte[][] s_notUtf8 =
    [
        [0xFF], [0xFE], [0x80], [0xC0, 0x80], [0xC3], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98],
    ];

    /// <summary>Whitespace JSON allows and whitespace it does not, between tokens.</summary>
    private static readonly string[] s_whitespace = [" ", "\t", "\r", "\f", "\v", "\u00A0", "\u2028", "\uFEFF", "\u3000", "\0"];

    /// <summary>Every field the contract reads, and those of Meta's webhook deliveries, at the top level.</summary>
    private static readonly string[] s_fields =
    [
        "event_id", "type", "occurred_at", "workspace_id", "line", "user", "message", "conversation", "to", "referral", "whatsapp_link",
        "campaign", "error", "sender", "node_id", "agent_id", "deployment_id", "message_id", "status", "\\ud800", "\\u0000", "other",
        "object", "entry", "changes", "field", "value", "metadata", "messages", "statuses", "errors", "from", "id", "timestamp", "text", "body",
    ];

    /// <summary>Values of the wrong type, out of range, or holding what no field can take.</summary>
    private static readonly Gen<string> s_values = Gen.OneOf(
        Gen.OneOf(
            "5", "-0", "1.5", "-1", "2147483648", "1e999999", "-1e-999999", "123456789012345678901234567890", "0x10", "NaN", "true", "null",
            "[]", "{}", "\"\"", "\"\\ud800\"", "\"\\udc00x\"", "\"a\\u0000b\"", "\"2026-11-20T14:03:11\"", "\"9999-99-99T99:99:99Z\"",
            "{\"\\ud800\":1}", "{\"phone\":\"\\ud800\"}", "{\"number\":5}", "{\"number\":\"\\udfff\"}", "{\"display_name\":\"\\ud83d\"}",
            "{\"id\":\"\\udfff\",\"version\":1e400}", "{\"conversation\":{\"id\":\"\\ud800\",\"version\":\"3\"}}", "{\"kind\":\"text\",\"text\":\"\\ud800\"}",
            "{\"kind\":\"\\ud800\"}", "{\"code\":\"\\ud800\",\"title\":[1]}", "{\"code\":1e999}", "{\"name\":{\"\\ud800\":\"x\"}}",
            "{\"headline\":\"\\ud800\",\"media_type\":\"\\udc00\"}", "\"message.inbound\\ud800\"", "\"ac\\u006De\""),
        Gen.Int[1, 300].Select(depth => new string('[', depth) + new string(']', depth)),
        Gen.Int[1, 300].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)),
        Gen.Int[1, 200_000].Select(length => "\"" + new string('x', length) + "\""),
        Gen.Int[1, 400].Select(digits => new string('9', digits)));

    /// <summary>A valid line of one of the contract's ten types at a time of the day, with id <paramref name="id"/>.</summary>
    public static string Good(int type, int second, string id, string workspace = "acme")
    {
        var lines = new EventLines(workspace);
        var at = TimeSpan.FromSeconds(second).ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture);
        return (type % 10) switch
        {
            0 => lines.Inbound(at, "hola 😀", id: id, conversation: ("conv_welcome", 3)),
            1 => lines.Outbound(at, id: id),
            2 => lines.Node(at, "n_ask_email", id),
            3 => lines.AgentAssigned(at, id),
            4 => lines.RatingRequested(at, id),
            5 => lines.AgentClosed(at, id),
            6 => lines.Overwritten(at, id),
            7 => lines.Redirected(at, "conv_sales", 7, id),
            8 => lines.DeploymentCreated(at, "dep-" + id, campaign: "Promo", id: id, messageId: "wamid." + id),
            _ => lines.Status(at, "dep-" + id, "failed", 131026, "Message undeliverable", id),
        };
    }

    /// <summary>A valid line of any type, its id starting <c>fz-</c>, mutated one to three times.</summary>
    public static Gen<byte[]> Mutated { get; } =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 86_399])
            .SelectMany((type, second) => MutatedFrom(Encoding.UTF8.GetBytes(Good(type, second, $"fz-{type}-{second}"))))
            .Select(line => line.Select(b => b == (byte)'\n' ? (byte)' ' : b).ToArray());

    /// <summary>Random bytes, or a mutated line: what a line can be.</summary>
    public static Gen<byte[]> Any { get; } =
        Gen.Frequency((1, Gen.Byte.Array[0, 300].Select(b => b.Select(x => x == (byte)'\n' ? (byte)'{' : x).ToArray())), (9, Mutated));

    /// <summary>Whether <paramref name="text"/> is valid Unicode (no half of a surrogate pair alone), so any store or JSON writer takes it.</summary>
    public static bool IsValidUnicode(string text)
    {
        try
        {
            _ = s_strictUtf8.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>A line as text, for a failing sample's report.</summary>
    public static string Print(byte[] line) => Encoding.UTF8.GetString(line);

    /// <summary><paramref name="json"/> (a line, a webhook body) mutated one to three times.</summary>
    public static Gen<byte[]> MutatedFrom(byte[] json) => Gen.Int[1, 3].SelectMany(times => Mutate(json, times));

    private static Gen<byte[]> Mutate(byte[] line, int times) =>
        times == 0 ? Gen.Const(line) : Mutation(line).SelectMany(mutated => Mutate(mutated, times - 1));

    private static Gen<byte[]> Mutation(byte[] line) => Gen.OneOf(
        Gen.Int[0, line.Length].Select(end => line[..end]),
        Gen.Select(Gen.Int[0, Math.Max(line.Length - 1, 0)], Gen.Byte).Select((at, value) => Replace(line, at, value)),
        Gen.Select(StringStarts(line), Gen.OneOf(s_stringFragments)).Select((at, fragment) => Insert(line, at, Encoding.UTF8.GetBytes(fragment))),
        Gen.Select(StringStarts(line), Gen.OneOf(s_notUtf8)).Select((at, bytes) => Insert(line, at, bytes)),
        Gen.Select(Gen.Int[0, line.Length], Gen.OneOf(s_notUtf8)).Select((at, bytes) => Insert(line, at, bytes)),
        Gen.Select(Gen.Int[0, line.Length], Gen.OneOf(s_whitespace)).Select((at, space) => Insert(line, at, Encoding.UTF8.GetBytes(space))),
        Gen.Select(Gen.OneOf(s_fields), s_values, Gen.Bool).Select((field, value, first) => WithField(line, field, value, first)),
        Gen.Const(Encoding.UTF8.Preamble.ToArray().Concat(line).ToArray()));

    /// <summary>Where string values start (just past the quote after a colon); the line's start when there are none.</summary>
    private static Gen<int> StringStarts(byte[] line)
    {
        var starts = new List<int>();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '"' && line[i - 1] == ':')
            {
                starts.Add(i + 1);
            }
        }

        return starts.Count == 0 ? Gen.Const(0) : Gen.OneOf(starts.ToArray());
    }

    /// <summary>Adds <c>"field":value</c> first or last in the object (after a field of the same name, the later one counts).</summary>
    private static byte[] WithField(byte[] line, string field, string value, bool first)
    {
        var property = Encoding.UTF8.GetBytes($"\"{field}\":{value}");
        var open = Array.IndexOf(line, (byte)'{');
        var close = Array.LastIndexOf(line, (byte)'}');
        return first || close < 0
            ? Insert(line, open + 1, [.. property, (byte)','])
            : Insert(line, close, [(byte)',', .. property]);
    }

    private static byte[] Replace(byte[] line, int at, byte value)
    {
        var copy = line.ToArray();
        if (copy.Length > 0)
        {
            copy[at] = value == (byte)'\n' ? (byte)'}' : value;
        }

        return copy;
    }

    private static byte[] Insert(byte[] line, int at, byte[] bytes) => [.. line.AsSpan(0, at), .. bytes, .. line.AsSpan(at)];
}
