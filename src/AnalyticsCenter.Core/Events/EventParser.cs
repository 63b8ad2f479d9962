using System.Text.Json;
using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Core.Events;

/// <summary>
/// Reads one NDJSON line into a <see cref="PlatformEvent"/> or a <see cref="Rejection"/> that names the field and
/// the value, by every rule of events.md. Never throws on bad input. Not thread-safe (it caches phone splits and
/// repeated strings): use one per thread.
/// </summary>
public sealed class EventParser
{
    private static readonly JsonReaderOptions s_readerOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    private readonly PhoneNumberSplitter _phones = new();
    private readonly StringPool _pool = new();

    /// <summary>Parses one line (without its line terminator).</summary>
    public EventParseResult Parse(ReadOnlySpan<byte> line)
    {
        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            return EventParseResult.Rejected(Rejection.Of("empty line"), null);
        }

        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            return EventParseResult.Rejected(Rejection.NotUtf8("invalid JSON", "invalid JSON: the line", line), null);
        }

        var fields = new Fields();
        try
        {
            var reader = new Utf8JsonReader(line, s_readerOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                while (reader.Read())
                {
                }

                return EventParseResult.Rejected(Rejection.Of("the line is not a JSON object"), null);
            }

            ReadEnvelope(ref reader, ref fields);

            // A second value on the same line is invalid NDJSON; the reader throws on it.
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            return EventParseResult.Rejected(new Rejection("invalid JSON", "invalid JSON: " + ex.Message), WorkspaceOrNull(fields.WorkspaceId));
        }

        return Validate(ref fields);
    }

    private void ReadEnvelope(ref Utf8JsonReader r, ref Fields f)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (IsUnreadableName(ref r))
            {
                r.Read();
                r.Skip();
            }
            else if (r.ValueTextEquals("event_id"u8))
            {
                f.EventId = ReadString(ref r, ref f, "event_id", pooled: false);
            }
            else if (r.ValueTextEquals("type"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.String)
                {
                    f.TypeSeen = true;
                    if (!r.ValueIsEscaped && EventTypeNames.TryParse(r.ValueSpan, out var type))
                    {
                        f.Type = type;
                    }
                    else if (Text(ref r, ref f, "type") is { } text)
                    {
                        f.UnknownType = text;
                        if (EventTypeNames.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out type))
                        {
                            (f.Type, f.UnknownType) = (type, null);
                        }
                    }
                }
                else
                {
                    WrongType(ref r, ref f, "type", "a string");
                }
            }
            else if (r.ValueTextEquals("occurred_at"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.String)
                {
                    f.OccurredAtSeen = true;
                    var text = r.ValueIsEscaped ? Text(ref r, ref f, "occurred_at") : null;
                    var raw = text is null ? r.ValueSpan : System.Text.Encoding.UTF8.GetBytes(text);
                    f.OccurredAtOutcome = Rfc3339.TryParse(raw, out f.OccurredAt);
                    if (f.OccurredAtOutcome != Rfc3339.Outcome.Ok)
                    {
                        f.OccurredAtText = text ?? System.Text.Encoding.UTF8.GetString(raw);
                    }
                }
                else if (r.TokenType != JsonTokenType.Null)
                {
                    WrongType(ref r, ref f, "occurred_at", "a string");
                }
            }
            else if (r.ValueTextEquals("workspace_id"u8))
            {
                f.WorkspaceId = ReadString(ref r, ref f, "workspace_id", pooled: true);
            }
            else if (r.ValueTextEquals("line"u8))
            {
                ReadObject(ref r, ref f, "line", static (EventParser p, ref Utf8JsonReader r, ref Fields f) =>
                {
                    if (r.ValueTextEquals("number"u8))
                    {
                        f.LineNumberRaw = p.ReadString(ref r, ref f, "line.number", pooled: true);
                    }
                    else if (r.ValueTextEquals("display_name"u8))
                    {
                        f.LineDisplayName = p.ReadString(ref r, ref f, "line.display_name", pooled: true);
                    }
                    else
                    {
                        r.Read();
                        r.Skip();
                    }
                });
                f.LineSeen |= f.LineNumberRaw is not null || f.LineDisplayName is not null;
            }
            else if (r.ValueTextEquals("user"u8))
            {
                ReadObject(ref r, ref f, "user", static (EventParser p, ref Utf8JsonReader r, ref Fields f) =>
                {
                    if (r.ValueTextEquals("phone"u8))
                    {
                        f.UserPhoneRaw = p.ReadString(ref r, ref f, "user.phone", pooled: false);
                    }
                    else
                    {
                        r.Read();
                        r.Skip();
                    }
                });
            }
            else if (r.ValueTextEquals("message"u8))
            {
                f.MessageSeen = ReadObject(ref r, ref f, "message", static (EventParser p, ref Utf8JsonReader r, ref Fields f) =>
                {
                    if (r.ValueTextEquals("id"u8))
                    {
                        f.MessageId = p.ReadString(ref r, ref f, "message.id", pooled: false);
                    }
                    else if (r.ValueTextEquals("kind"u8))
                    {
                        f.MessageKind = p.ReadString(ref r, ref f, "message.kind", pooled: true);
                    }
                    else if (r.ValueTextEquals("text"u8))
                    {
                        f.MessageText = p.ReadString(ref r, ref f, "message.text", pooled: false);
                    }
                    else
                    {
                        r.Read();
                        r.Skip();
                    }
                });
            }
            else if (r.ValueTextEquals("conversation"u8))
            {
                f.ConversationSeen = ReadObject(ref r, ref f, "conversation", static (EventParser p, ref Utf8JsonReader r, ref Fields f) =>
                    p.ReadConversationField(ref r, ref f, "conversation", ref f.ConversationId, ref f.ConversationVersion));
            }
            else if (r.ValueTextEquals("to"u8))
            {
                ReadObject(ref r, ref f, "to", static (EventParser p, ref Utf8JsonReader r, ref Fields f) =>
                {
                    if (r.ValueTextEquals("conversation"u8))
                    {
                        f.ToConversationSeen = p.ReadObject(ref r, ref f, "to.conversation", static (EventParser p, ref Utf8JsonReader r, ref Fields f) =>
                            p.ReadConversationField(ref r, ref f, "to.conversation", ref f.ToConversationId, ref f.ToConversationVersion));
                    }
                    else
                    {
                        r.Read();
                        r.Skip();
                    }
                });
            }
            else if (r.ValueTextEquals("referral"u8))
            {
                ReadObject(ref r, ref f, "referral", static (EventParser p, ref Utf8JsonReader r, ref Fields f) => p.ReadReferralField(ref r, ref f));
            }
            else if (r.ValueTextEquals("whatsapp_link"u8))
            {
                ReadObject(ref r, ref f, "whatsapp_link", static (EventParser p, ref Utf8JsonReader r, ref Fields f) =>
                {
                    if (r.ValueTextEquals("campaign_name"u8))
                    {
                        f.LinkCampaignName = p.ReadString(ref r, ref f, "whatsapp_link.campaign_name", pooled: true);
                    }
                    else if (r.ValueTextEquals("campaign_source"u8))
                    {
                        f.LinkCampaignSource = p.ReadString(ref r, ref f, "whatsapp_link.campaign_source", pooled: true);
                    }
                    else
                    {
                        r.Read();
                        r.Skip();
                    }
                });
            }
            else if (r.ValueTextEquals("campaign"u8))
            {
                ReadObject(ref r, ref f, "campaign", static (EventParser p, ref Utf8JsonReader r, ref Fields f) =>
                {
                    if (r.ValueTextEquals("name"u8))
                    {
                        f.CampaignName = p.ReadString(ref r, ref f, "campaign.name", pooled: true);
                    }
                    else
                    {
                        r.Read();
                        r.Skip();
                    }
                });
            }
            else if (r.ValueTextEquals("error"u8))
            {
                ReadObject(ref r, ref f, "error", static (EventParser p, ref Utf8JsonReader r, ref Fields f) => p.ReadErrorField(ref r, ref f));
            }
            else if (r.ValueTextEquals("sender"u8))
            {
                f.Sender = ReadString(ref r, ref f, "sender", pooled: true);
            }
            else if (r.ValueTextEquals("node_id"u8))
            {
                f.NodeId = ReadString(ref r, ref f, "node_id", pooled: true);
            }
            else if (r.ValueTextEquals("agent_id"u8))
            {
                f.AgentId = ReadString(ref r, ref f, "agent_id", pooled: true);
            }
            else if (r.ValueTextEquals("deployment_id"u8))
            {
                f.DeploymentId = ReadString(ref r, ref f, "deployment_id", pooled: false);
            }
            else if (r.ValueTextEquals("message_id"u8))
            {
                f.DeploymentMessageId = ReadString(ref r, ref f, "message_id", pooled: false);
            }
            else if (r.ValueTextEquals("status"u8))
            {
                f.StatusText = ReadString(ref r, ref f, "status", pooled: true);
            }
            else
            {
                r.Read();
                r.Skip();
            }
        }
    }

    private delegate void FieldReader(EventParser parser, ref Utf8JsonReader reader, ref Fields fields);

    /// <summary>Reads an object's properties with <paramref name="readField"/>; false when the value was null.</summary>
    private bool ReadObject(ref Utf8JsonReader r, ref Fields f, string field, FieldReader readField)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        if (r.TokenType != JsonTokenType.StartObject)
        {
            WrongType(ref r, ref f, field, "an object");
            return false;
        }

        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (IsUnreadableName(ref r))
            {
                r.Read();
                r.Skip();
            }
            else
            {
                readField(this, ref r, ref f);
            }
        }

        return true;
    }

    private void ReadConversationField(ref Utf8JsonReader r, ref Fields f, string parent, ref string? id, ref int? version)
    {
        if (r.ValueTextEquals("id"u8))
        {
            id = ReadString(ref r, ref f, parent + ".id", pooled: true);
        }
        else if (r.ValueTextEquals("version"u8))
        {
            r.Read();
            if (r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var v))
            {
                version = v;
            }
            else if (r.TokenType != JsonTokenType.Null)
            {
                WrongType(ref r, ref f, parent + ".version", "a whole number");
            }
        }
        else
        {
            r.Read();
            r.Skip();
        }
    }

    private void ReadReferralField(ref Utf8JsonReader r, ref Fields f)
    {
        if (r.ValueTextEquals("source_url"u8))
        {
            f.ReferralSourceUrl = ReadString(ref r, ref f, "referral.source_url", pooled: true);
        }
        else if (r.ValueTextEquals("source_type"u8))
        {
            f.ReferralSourceType = ReadString(ref r, ref f, "referral.source_type", pooled: true);
        }
        else if (r.ValueTextEquals("source_id"u8))
        {
            f.ReferralSourceId = ReadString(ref r, ref f, "referral.source_id", pooled: true);
        }
        else if (r.ValueTextEquals("headline"u8))
        {
            f.ReferralHeadline = ReadString(ref r, ref f, "referral.headline", pooled: true);
        }
        else if (r.ValueTextEquals("body"u8))
        {
            f.ReferralBody = ReadString(ref r, ref f, "referral.body", pooled: true);
        }
        else if (r.ValueTextEquals("media_type"u8))
        {
            f.ReferralMediaType = ReadString(ref r, ref f, "referral.media_type", pooled: true);
        }
        else if (r.ValueTextEquals("image_url"u8))
        {
            f.ReferralImageUrl = ReadString(ref r, ref f, "referral.image_url", pooled: true);
        }
        else if (r.ValueTextEquals("video_url"u8))
        {
            f.ReferralVideoUrl = ReadString(ref r, ref f, "referral.video_url", pooled: true);
        }
        else if (r.ValueTextEquals("thumbnail_url"u8))
        {
            f.ReferralThumbnailUrl = ReadString(ref r, ref f, "referral.thumbnail_url", pooled: true);
        }
        else
        {
            r.Read();
            r.Skip();
        }
    }

    private void ReadErrorField(ref Utf8JsonReader r, ref Fields f)
    {
        if (r.ValueTextEquals("code"u8))
        {
            r.Read();
            switch (r.TokenType)
            {
                case JsonTokenType.Number:
                    f.ErrorCode = _pool.Get(r.ValueSpan);
                    break;
                case JsonTokenType.String:
                    f.ErrorCode = r.ValueIsEscaped ? Text(ref r, ref f, "error.code") : _pool.Get(r.ValueSpan);
                    break;
                case JsonTokenType.Null:
                    break;
                default:
                    WrongType(ref r, ref f, "error.code", "a number or a string");
                    break;
            }
        }
        else if (r.ValueTextEquals("title"u8))
        {
            f.ErrorTitle = ReadString(ref r, ref f, "error.title", pooled: true);
        }
        else if (r.ValueTextEquals("detail"u8))
        {
            f.ErrorDetail = ReadString(ref r, ref f, "error.detail", pooled: true);
        }
        else
        {
            r.Read();
            r.Skip();
        }
    }

    /// <summary>Reads a string value (null for JSON null); records a rejection for any other type.</summary>
    private string? ReadString(ref Utf8JsonReader r, ref Fields f, string field, bool pooled)
    {
        r.Read();
        switch (r.TokenType)
        {
            case JsonTokenType.String:
                return pooled && !r.ValueIsEscaped ? _pool.Get(r.ValueSpan) : Text(ref r, ref f, field);
            case JsonTokenType.Null:
                return null;
            default:
                WrongType(ref r, ref f, field, "a string");
                return null;
        }
    }

    /// <summary>
    /// The string the reader is on, unescaped; null, and a rejection naming <paramref name="field"/>, when it is not valid
    /// Unicode (the reader throws on an escaped lone surrogate, which no string can hold).
    /// </summary>
    private static string? Text(ref Utf8JsonReader r, ref Fields f, string field)
    {
        if (Unescaped(ref r) is { } text)
        {
            return text;
        }

        f.Fail(Rejection.NotUnicode(field));
        return null;
    }

    /// <summary>
    /// Whether the property name the reader is on is not valid Unicode: no field of the contract, so it is skipped like
    /// any unknown field (comparing it with a field's name would throw).
    /// </summary>
    private static bool IsUnreadableName(ref Utf8JsonReader r) => r.ValueIsEscaped && Unescaped(ref r) is null;

    /// <summary>The string the reader is on, unescaped, or null when an escape in it is half of a surrogate pair.</summary>
    private static string? Unescaped(ref Utf8JsonReader r)
    {
        try
        {
            return r.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static void WrongType(ref Utf8JsonReader r, ref Fields f, string field, string expected)
    {
        var actual = r.TokenType switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.Number => "the number " + Shorten(System.Text.Encoding.UTF8.GetString(r.ValueSpan)),
            // As sent (escapes and all) when it cannot be unescaped, so the reason can be stored and shown.
            JsonTokenType.String => $"the string \"{Shorten(Unescaped(ref r) ?? System.Text.Encoding.UTF8.GetString(r.ValueSpan))}\"",
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => "null",
        };
        f.Fail(new Rejection($"{field} must be {expected}", $"{field} must be {expected}, not {actual}"));
        r.Skip();
    }

    /// <summary>The first 40 characters, never cutting a surrogate pair in two.</summary>
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..(char.IsHighSurrogate(value[39]) ? 39 : 40)] + "…";

    private EventParseResult Validate(ref Fields f)
    {
        if (f.Problem is not null)
        {
            return EventParseResult.Rejected(f.Problem, WorkspaceOrNull(f.WorkspaceId));
        }

        if (string.IsNullOrEmpty(f.EventId))
        {
            return Missing(f.EventId is null ? "event_id is missing" : "event_id is empty", f);
        }

        if (!f.TypeSeen)
        {
            return Missing("type is missing", f);
        }

        if (f.UnknownType is not null)
        {
            return EventParseResult.Rejected(new Rejection("unknown type", $"unknown type \"{f.UnknownType}\""), WorkspaceOrNull(f.WorkspaceId));
        }

        if (!f.OccurredAtSeen)
        {
            return Missing("occurred_at is missing", f);
        }

        switch (f.OccurredAtOutcome)
        {
            case Rfc3339.Outcome.NoOffset:
                return EventParseResult.Rejected(
                    new Rejection("occurred_at has no UTC offset", $"occurred_at has no UTC offset: \"{f.OccurredAtText}\""), WorkspaceOrNull(f.WorkspaceId));
            case Rfc3339.Outcome.Malformed:
                return EventParseResult.Rejected(
                    new Rejection("occurred_at is not an RFC 3339 timestamp",
                        $"occurred_at \"{f.OccurredAtText}\" is not an RFC 3339 timestamp"), WorkspaceOrNull(f.WorkspaceId));
        }

        if (f.WorkspaceId is null)
        {
            return Missing("workspace_id is missing", f);
        }

        if (!WorkspaceId.IsValid(f.WorkspaceId))
        {
            return EventParseResult.Rejected(
                new Rejection("workspace_id is not 1–64 characters of A-Z a-z 0-9 _ -",
                    $"workspace_id \"{f.WorkspaceId}\" is not 1–64 characters of A-Z a-z 0-9 _ -"), null);
        }

        string? lineNumber = null;
        UserPhone? user = null;
        if (f.Type != EventType.DeploymentStatus)
        {
            if (f.LineNumberRaw is null)
            {
                return Missing(f.LineSeen ? "line.number is missing" : "line is missing", f);
            }

            lineNumber = NormalizeLineNumber(f.LineNumberRaw);
            if (lineNumber is null)
            {
                return Invalid("line.number is not a phone number with country code",
                    $"line.number \"{f.LineNumberRaw}\" is not a phone number with country code", f);
            }

            if (f.UserPhoneRaw is null)
            {
                return Missing("user.phone is missing", f);
            }

            user = SplitUserPhone(f.UserPhoneRaw);
            if (user is null)
            {
                return Invalid("user.phone is not a valid number", $"user.phone \"{f.UserPhoneRaw}\" is not a valid number", f);
            }
        }

        var (eventId, workspaceId) = (f.EventId, f.WorkspaceId);
        var typeProblem = ValidateTypeFields(ref f);
        if (typeProblem is not null)
        {
            return EventParseResult.Rejected(typeProblem, f.WorkspaceId);
        }

        var isText = f.MessageKind == "text";
        var mediaUrl = f.ReferralMediaType?.ToUpperInvariant() switch
        {
            "IMAGE" => f.ReferralImageUrl,
            "VIDEO" => f.ReferralVideoUrl,
            _ => f.ReferralImageUrl ?? f.ReferralVideoUrl,
        };
        var carriesReferral = f.Type == EventType.MessageInbound;
        return EventParseResult.Accepted(new PlatformEvent
        {
            EventId = eventId,
            Type = f.Type,
            OccurredAt = f.OccurredAt,
            WorkspaceId = workspaceId,
            LineNumber = lineNumber,
            LineDisplayName = f.Type == EventType.DeploymentStatus ? null : f.LineDisplayName,
            User = user,
            MessageId = f.Type == EventType.DeploymentCreated ? f.DeploymentMessageId : f.MessageId,
            MessageKind = f.MessageKind,
            MessageText = isText ? f.MessageText : null,
            Sender = f.Sender,
            ConversationId = f.ConversationId,
            ConversationVersion = f.ConversationVersion,
            ReferralSourceUrl = carriesReferral ? f.ReferralSourceUrl : null,
            ReferralSourceType = carriesReferral ? Capitalize(f.ReferralSourceType) : null,
            ReferralSourceId = carriesReferral ? f.ReferralSourceId : null,
            ReferralHeadline = carriesReferral ? f.ReferralHeadline : null,
            ReferralBody = carriesReferral ? f.ReferralBody : null,
            ReferralMediaType = carriesReferral ? Capitalize(f.ReferralMediaType) : null,
            ReferralMediaUrl = carriesReferral ? mediaUrl : null,
            ReferralThumbnailUrl = carriesReferral ? f.ReferralThumbnailUrl : null,
            LinkCampaignName = carriesReferral ? f.LinkCampaignName : null,
            LinkCampaignSource = carriesReferral ? f.LinkCampaignSource : null,
            NodeId = f.NodeId,
            AgentId = f.AgentId,
            DeploymentId = f.DeploymentId,
            CampaignName = f.CampaignName,
            Status = f.Status,
            ErrorCode = f.ErrorCode,
            ErrorTitle = f.ErrorTitle,
            ErrorDetail = f.ErrorDetail,
        });
    }

    private static Rejection? ValidateTypeFields(ref Fields f)
    {
        switch (f.Type)
        {
            case EventType.MessageInbound or EventType.MessageOutbound:
                if (!f.MessageSeen)
                {
                    return Rejection.Of("message is missing");
                }

                if (f.MessageKind is null)
                {
                    return Rejection.Of("message.kind is missing");
                }

                if (!MessageKinds.IsKnown(f.MessageKind))
                {
                    return new Rejection("message.kind is not a known kind",
                        $"message.kind \"{f.MessageKind}\" is not one of {string.Join(", ", MessageKinds.All)}");
                }

                if (f.Type == EventType.MessageOutbound && f.Sender is not ("bot" or "agent"))
                {
                    return f.Sender is null
                        ? Rejection.Of("sender is missing")
                        : new Rejection("sender is not bot or agent", $"sender \"{f.Sender}\" is not bot or agent");
                }

                if (f.ConversationSeen && f.ConversationId is null)
                {
                    return Rejection.Of("conversation.id is missing");
                }

                if (f.Type == EventType.MessageOutbound)
                {
                    f.ConversationId = null;
                    f.ConversationVersion = null;
                }

                break;
            case EventType.NodeReached:
                if (f.NodeId is null)
                {
                    return Rejection.Of("node_id is missing");
                }

                break;
            case EventType.FlowRedirected:
                if (!f.ToConversationSeen || f.ToConversationId is null)
                {
                    return Rejection.Of(f.ToConversationSeen ? "to.conversation.id is missing" : "to.conversation is missing");
                }

                // The redirect's target is the conversation it carries forward.
                (f.ConversationId, f.ConversationVersion) = (f.ToConversationId, f.ToConversationVersion);
                break;
            case EventType.DeploymentCreated:
                if (string.IsNullOrEmpty(f.DeploymentId))
                {
                    return Rejection.Of("deployment_id is missing");
                }

                if (f.ConversationId is null)
                {
                    return Rejection.Of(f.ConversationSeen ? "conversation.id is missing" : "conversation is missing");
                }

                if (f.ConversationVersion is null)
                {
                    return Rejection.Of("conversation.version is missing");
                }

                break;
            case EventType.DeploymentStatus:
                if (string.IsNullOrEmpty(f.DeploymentId))
                {
                    return Rejection.Of("deployment_id is missing");
                }

                f.Status = f.StatusText switch
                {
                    "sent" => DeliveryReport.Sent,
                    "delivered" => DeliveryReport.Delivered,
                    "read" => DeliveryReport.Read,
                    "failed" => DeliveryReport.Failed,
                    _ => null,
                };
                if (f.Status is null)
                {
                    return f.StatusText is null
                        ? Rejection.Of("status is missing")
                        : new Rejection("status is not sent, delivered, read or failed", $"status \"{f.StatusText}\" is not sent, delivered, read or failed");
                }

                break;
        }

        // Fields that belong to other types are not carried, so stored events say only what their type means.
        if (f.Type is not (EventType.MessageInbound or EventType.MessageOutbound))
        {
            (f.MessageKind, f.MessageText, f.MessageId, f.Sender) = (null, null, null, null);
        }

        if (f.Type is not (EventType.MessageInbound or EventType.FlowRedirected or EventType.DeploymentCreated))
        {
            (f.ConversationId, f.ConversationVersion) = (null, null);
        }

        if (f.Type != EventType.NodeReached)
        {
            f.NodeId = null;
        }

        if (f.Type != EventType.AgentAssigned)
        {
            f.AgentId = null;
        }

        if (f.Type is not (EventType.DeploymentCreated or EventType.DeploymentStatus))
        {
            f.DeploymentId = null;
        }

        if (f.Type != EventType.DeploymentCreated)
        {
            (f.CampaignName, f.DeploymentMessageId) = (null, null);
        }

        if (f.Type != EventType.DeploymentStatus || f.Status != DeliveryReport.Failed)
        {
            (f.ErrorCode, f.ErrorTitle, f.ErrorDetail) = (null, null, null);
        }

        return null;
    }

    private static string? Capitalize(string? value) =>
        string.IsNullOrEmpty(value) || char.IsUpper(value[0])
            ? value
            : string.Concat(char.ToUpperInvariant(value[0]).ToString(), value.AsSpan(1).ToString().ToLowerInvariant());

    private string? NormalizeLineNumber(string raw)
    {
        Span<char> digits = stackalloc char[32];
        return PhoneDigits.TryLineNumber(raw, digits, out var length) ? _pool.Get(digits[..length]) : null;
    }

    private UserPhone? SplitUserPhone(string raw)
    {
        Span<char> digits = stackalloc char[32];
        var length = PhoneDigits.Strip(raw, digits);
        return length < 0 ? null : _phones.Split(digits[..length]);
    }

    private static string? WorkspaceOrNull(string? workspaceId) => WorkspaceId.IsValid(workspaceId) ? workspaceId : null;

    private static EventParseResult Missing(string reason, in Fields f) => EventParseResult.Rejected(Rejection.Of(reason), WorkspaceOrNull(f.WorkspaceId));

    private static EventParseResult Invalid(string category, string reason, in Fields f) =>
        EventParseResult.Rejected(new Rejection(category, reason), WorkspaceOrNull(f.WorkspaceId));

    /// <summary>What one line said, before validation.</summary>
    private struct Fields
    {
        public Rejection? Problem;
        public string? EventId;
        public bool TypeSeen;
        public EventType Type;
        public string? UnknownType;
        public bool OccurredAtSeen;
        public Rfc3339.Outcome OccurredAtOutcome;
        public DateTime OccurredAt;
        public string? OccurredAtText;
        public string? WorkspaceId;
        public bool LineSeen;
        public string? LineNumberRaw;
        public string? LineDisplayName;
        public string? UserPhoneRaw;
        public bool MessageSeen;
        public string? MessageId;
        public string? MessageKind;
        public string? MessageText;
        public string? Sender;
        public bool ConversationSeen;
        public bool ToConversationSeen;
        public string? ConversationId;
        public int? ConversationVersion;
        public string? ToConversationId;
        public int? ToConversationVersion;
        public string? ReferralSourceUrl;
        public string? ReferralSourceType;
        public string? ReferralSourceId;
        public string? ReferralHeadline;
        public string? ReferralBody;
        public string? ReferralMediaType;
        public string? ReferralImageUrl;
        public string? ReferralVideoUrl;
        public string? ReferralThumbnailUrl;
        public string? LinkCampaignName;
        public string? LinkCampaignSource;
        public string? NodeId;
        public string? AgentId;
        public string? DeploymentId;
        public string? DeploymentMessageId;
        public string? CampaignName;
        public string? StatusText;
        public DeliveryReport? Status;
        public string? ErrorCode;
        public string? ErrorTitle;
        public string? ErrorDetail;

        /// <summary>Keeps the first problem: it is the one a person fixes first.</summary>
        public void Fail(Rejection rejection) => Problem ??= rejection;
    }
}
