using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AnalyticsCenter.Demo;

/// <summary>Pre-renders constant JSON fragments (a line, a conversation, a referral...) once, to be written raw.</summary>
internal static class RawJson
{
    public static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static JsonEncodedText Encode(string value) => JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    /// <summary>An object of string properties, in the order given; a null value leaves its property out.</summary>
    public static byte[] Object(params (string Name, string? Value)[] properties)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in properties)
            {
                if (value is not null)
                {
                    writer.WriteString(name, value);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>{"id":"conv_sales","version":7}</c>.</summary>
    public static byte[] Conversation(string id, int version)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteNumber("version", version);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>{"conversation":{...}}</c>, the <c>to</c> of flow.redirected.</summary>
    public static byte[] RedirectTarget(string id, int version)
    {
        var conversation = Conversation(id, version);
        var result = new byte[conversation.Length + 17];
        "{\"conversation\":"u8.CopyTo(result);
        conversation.CopyTo(result, 16);
        result[^1] = (byte)'}';
        return result;
    }

    /// <summary>A deployment error: numeric or string code, optional title and detail.</summary>
    public static byte[] Error(long? numericCode, string? stringCode, string? title, string? detail)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            if (numericCode is { } code)
            {
                writer.WriteNumber("code", code);
            }
            else if (stringCode is not null)
            {
                writer.WriteString("code", stringCode);
            }

            if (title is not null)
            {
                writer.WriteString("title", title);
            }

            if (detail is not null)
            {
                writer.WriteString("detail", detail);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
