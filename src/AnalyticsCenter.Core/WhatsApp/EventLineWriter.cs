using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.WhatsApp;

/// <summary>Writes event lines of the contract (events.md): one compact JSON object, no line breaks.</summary>
internal static class EventLineWriter
{
    // Lines are stored and shown, never put in HTML: readable text beats escaped accents.
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Line(Action<Utf8JsonWriter> writeFields)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartObject();
            writeFields(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Envelope(Utf8JsonWriter w, string eventId, string type, DateTime occurredAtUtc, WorkspaceId workspace)
    {
        w.WriteString("event_id", eventId);
        w.WriteString("type", type);
        w.WriteString("occurred_at", occurredAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("workspace_id", workspace.Value);
    }

    public static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
