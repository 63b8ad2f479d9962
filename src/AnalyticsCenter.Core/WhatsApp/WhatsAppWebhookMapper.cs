using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.WhatsApp;

/// <summary>
/// Turns a WhatsApp Cloud API <c>messages</c> webhook delivery (Meta's <c>entry[].changes[].value</c>) into events of the
/// contract: every <c>messages[]</c> item a <c>message.inbound</c> line, every <c>statuses[]</c> item a
/// <see cref="WhatsAppStatus"/>. Whatever cannot be mapped becomes a <see cref="WebhookRejection"/> with its raw text;
/// nothing throws, nothing is dropped. Pure: the configured lines are all it knows.
/// </summary>
public sealed class WhatsAppWebhookMapper
{
    private static readonly string[] s_statuses = ["sent", "delivered", "read", "failed"];

    private readonly Dictionary<string, WhatsAppLine> _lines;

    /// <param name="lines">The configured lines; a delivery for any other phone number id is rejected.</param>
    public WhatsAppWebhookMapper(IEnumerable<WhatsAppLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        _lines = lines.ToDictionary(l => l.PhoneNumberId, StringComparer.Ordinal);
    }

    /// <summary>Maps one delivery's body, as received.</summary>
    public WhatsAppMapping Map(ReadOnlyMemory<byte> body)
    {
        var delivery = new Delivery();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            delivery.Reject(null, new Rejection("invalid JSON", "invalid JSON: " + ex.Message), Encoding.UTF8.GetString(body.Span));
            return delivery.ToMapping();
        }

        using (document)
        {
            Part(document.RootElement, "the body", null, delivery, root => MapRoot(root, delivery));
        }

        return delivery.ToMapping();
    }

    /// <summary>
    /// Maps one part of the delivery with <paramref name="map"/>. Text in it that is not valid Unicode (an escape that is
    /// half of a surrogate pair, bytes that are not UTF-8: reading it throws) rejects that part alone, its neighbours
    /// still mapped; nothing of it was added before, since a part adds its event or status only once all of it is read.
    /// </summary>
    private static void Part(JsonElement part, string where, WorkspaceId? workspace, Delivery delivery, Action<JsonElement> map)
    {
        try
        {
            map(part);
        }
        catch (InvalidOperationException)
        {
            var raw = JsonMarshal.GetRawUtf8Value(part);
            delivery.Reject(
                workspace, Utf8.IsValid(raw) ? Rejection.NotUnicode(where) : Rejection.NotUtf8($"{where} is not valid UTF-8", where, raw), Raw(part));
        }
    }

    private void MapRoot(JsonElement root, Delivery delivery)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            delivery.Reject(null, Rejection.Of("the body is not a JSON object"), Raw(root));
        }
        else if (Text(root, "object") is var kind && kind != "whatsapp_business_account")
        {
            delivery.Reject(null, new Rejection("object is not whatsapp_business_account", $"object \"{kind}\" is not whatsapp_business_account"), Raw(root));
        }
        else if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            delivery.Reject(null, Rejection.Of("entry is missing or not an array"), Raw(root));
        }
        else
        {
            foreach (var entry in entries.EnumerateArray())
            {
                Part(entry, "entry[]", null, delivery, entry => MapEntry(entry, delivery));
            }
        }
    }

    private void MapEntry(JsonElement entry, Delivery delivery)
    {
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
        {
            delivery.Reject(null, Rejection.Of("entry[].changes is missing or not an array"), Raw(entry));
            return;
        }

        foreach (var change in changes.EnumerateArray())
        {
            Part(change, "changes[]", null, delivery, change => MapChange(change, delivery));
        }
    }

    private void MapChange(JsonElement change, Delivery delivery)
    {
        if (change.ValueKind != JsonValueKind.Object)
        {
            delivery.Reject(null, Rejection.Of("changes[] is not an object"), Raw(change));
            return;
        }

        if (Text(change, "field") is var field && field != "messages")
        {
            delivery.Reject(null, new Rejection("field is not messages",
                $"field \"{field}\" is not messages: only the messages webhook becomes events"), Raw(change));
            return;
        }

        if (!change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("metadata", out var metadata) || Text(metadata, "phone_number_id") is not { Length: > 0 } phoneNumberId)
        {
            delivery.Reject(null, Rejection.Of("value.metadata.phone_number_id is missing"), Raw(change));
            return;
        }

        var displayNumber = Text(metadata, "display_phone_number");
        if (!_lines.TryGetValue(phoneNumberId, out var line))
        {
            delivery.Reject(null, new Rejection(
                "phone_number_id is not a configured line",
                $"metadata.phone_number_id \"{phoneNumberId}\" (number {displayNumber}) is not a configured line: add it with analytics lines add"),
                Raw(change));
            return;
        }

        var messages = Array(value, "messages");
        var statuses = Array(value, "statuses");
        if (messages is null && statuses is null)
        {
            var errors = Array(value, "errors") is { } list && list.GetArrayLength() > 0 ? list[0] : (JsonElement?)null;
            var said = errors is { } error ? $": WhatsApp reported error {Code(error)} {Text(error, "title")}" : "";
            delivery.Reject(line.Workspace, Rejection.Of("value has no messages or statuses"), Raw(change), $"value has no messages or statuses{said}");
            return;
        }

        if (messages is { } messageList)
        {
            foreach (var message in messageList.EnumerateArray())
            {
                Part(message, "messages[]", line.Workspace, delivery, message => MapMessage(message, line, displayNumber ?? line.Number, delivery));
            }
        }

        if (statuses is { } statusList)
        {
            foreach (var status in statusList.EnumerateArray())
            {
                Part(status, "statuses[]", line.Workspace, delivery, status => MapStatus(status, line, delivery));
            }
        }
    }

    private static void MapMessage(JsonElement message, WhatsAppLine line, string lineNumber, Delivery delivery)
    {
        if (Required(message, "messages[]", "id", line, delivery) is not { } id
            || Required(message, "messages[]", "from", line, delivery) is not { } from
            || Required(message, "messages[]", "type", line, delivery) is not { } type
            || Timestamp(message, "messages[]", line, delivery) is not { } occurredAt)
        {
            return;
        }

        var kind = MessageKinds.IsKnown(type) ? type : "unknown";
        var text = kind == "text" && message.TryGetProperty("text", out var textObject) ? Text(textObject, "body") : null;
        var link = text is null ? null : LinkCampaign(line, text);
        delivery.AddEvent(line.Workspace, EventLineWriter.Line(w =>
        {
            EventLineWriter.Envelope(w, id, EventType.MessageInbound.Name(), occurredAt, line.Workspace);
            w.WriteStartObject("line");
            w.WriteString("number", lineNumber);
            w.WriteString("display_name", line.DisplayName);
            w.WriteEndObject();
            w.WriteStartObject("user");
            w.WriteString("phone", from);
            w.WriteEndObject();
            w.WriteStartObject("message");
            w.WriteString("id", id);
            w.WriteString("kind", kind);
            EventLineWriter.WriteIfSet(w, "text", text);
            w.WriteEndObject();
            if (line.DefaultConversation is { } conversation)
            {
                w.WriteStartObject("conversation");
                w.WriteString("id", conversation.Id);
                w.WriteNumber("version", conversation.Version);
                w.WriteEndObject();
            }

            // As WhatsApp sends it: the contract reads the fields it names and ignores the rest (ctwa_clid, welcome_message).
            if (message.TryGetProperty("referral", out var referral) && referral.ValueKind == JsonValueKind.Object)
            {
                w.WritePropertyName("referral");
                referral.WriteTo(w);
            }

            if (link is not null)
            {
                w.WriteStartObject("whatsapp_link");
                w.WriteString("campaign_name", link.CampaignName);
                EventLineWriter.WriteIfSet(w, "campaign_source", link.CampaignSource);
                w.WriteEndObject();
            }
        }));
    }

    private static void MapStatus(JsonElement status, WhatsAppLine line, Delivery delivery)
    {
        if (Required(status, "statuses[]", "id", line, delivery) is not { } messageId
            || Required(status, "statuses[]", "status", line, delivery) is not { } name
            || Timestamp(status, "statuses[]", line, delivery) is not { } occurredAt)
        {
            return;
        }

        if (System.Array.IndexOf(s_statuses, name) < 0)
        {
            delivery.Reject(line.Workspace, new Rejection(
                "statuses[].status is not sent, delivered, read or failed",
                $"statuses[].status \"{name}\" is not sent, delivered, read or failed"), Raw(status));
            return;
        }

        var error = name == "failed" && Array(status, "errors") is { } errors && errors.GetArrayLength() > 0 ? errors[0] : (JsonElement?)null;
        delivery.AddStatus(new WhatsAppStatus
        {
            Workspace = line.Workspace,
            EventId = messageId + ":" + name,
            MessageId = messageId,
            Status = name,
            OccurredAt = occurredAt,
            ErrorCode = error is { } e ? Code(e) : null,
            ErrorTitle = error is { } t ? Text(t, "title") : null,
            ErrorDetail = error is { } d && d.TryGetProperty("error_data", out var data) ? Text(data, "details") : null,
        });
    }

    /// <summary>The campaign whose code the text contains, the longest code first (so <c>BF26-IG</c> wins over <c>BF26</c>).</summary>
    private static WhatsAppLinkCode? LinkCampaign(WhatsAppLine line, string text) =>
        line.LinkCodes
            .Where(c => c.Code.Length > 0 && text.Contains(c.Code, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(c => c.Code.Length)
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .FirstOrDefault();

    private static string? Required(JsonElement item, string where, string name, WhatsAppLine line, Delivery delivery)
    {
        if (item.ValueKind == JsonValueKind.Object && Text(item, name) is { Length: > 0 } value)
        {
            return value;
        }

        delivery.Reject(line.Workspace, Rejection.Of($"{where}.{name} is missing"), Raw(item));
        return null;
    }

    /// <summary>Meta's <c>timestamp</c>: Unix seconds, as a string (or a number).</summary>
    private static DateTime? Timestamp(JsonElement item, string where, WhatsAppLine line, Delivery delivery)
    {
        var text = item.TryGetProperty("timestamp", out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
        if (text is null)
        {
            delivery.Reject(line.Workspace, Rejection.Of($"{where}.timestamp is missing"), Raw(item));
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253_402_300_799)
        {
            delivery.Reject(line.Workspace, new Rejection($"{where}.timestamp is not Unix seconds",
                $"{where}.timestamp \"{text}\" is not Unix seconds"), Raw(item));
            return null;
        }

        return DateTime.UnixEpoch.AddSeconds(seconds);
    }

    /// <summary>The part's JSON text as Meta sent it; bytes that are not UTF-8 become U+FFFD, so it can be stored and shown.</summary>
    private static string Raw(JsonElement part) => Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(part));

    private static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static JsonElement? Array(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : null;

    /// <summary>An error's code as text: WhatsApp sends numbers.</summary>
    private static string? Code(JsonElement error) =>
        error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var code)
            ? code.ValueKind switch
            {
                JsonValueKind.Number => code.GetRawText(),
                JsonValueKind.String => code.GetString(),
                _ => null,
            }
            : null;

    /// <summary>What a delivery has become so far.</summary>
    private sealed class Delivery
    {
        private readonly Dictionary<WorkspaceId, List<string>> _events = [];
        private readonly List<WhatsAppStatus> _statuses = [];
        private readonly List<WebhookRejection> _rejections = [];

        public void AddEvent(WorkspaceId workspace, string line)
        {
            if (!_events.TryGetValue(workspace, out var lines))
            {
                _events[workspace] = lines = [];
            }

            lines.Add(line);
        }

        public void AddStatus(WhatsAppStatus status) => _statuses.Add(status);

        public void Reject(WorkspaceId? workspace, Rejection rejection, string raw, string? reason = null) =>
            _rejections.Add(new WebhookRejection(workspace, reason is null ? rejection : rejection with { Reason = reason }, raw));

        public WhatsAppMapping ToMapping() => new(
            _events.Select(e => new WorkspaceEventLines(e.Key, e.Value)).ToList(), _statuses, _rejections);
    }
}
