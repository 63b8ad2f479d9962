using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Demo;

/// <summary>
/// Renders <see cref="DemoEvent"/>s as NDJSON lines in the shapes of events.md, into a buffer that goes to the
/// output stream in large chunks. Rendering depends on the event alone, so the same event gives the same bytes.
/// </summary>
internal sealed class EventRenderer : IDisposable
{
    private const int FlushThreshold = 1 << 18;
    private const long DayMs = 86_400_000;
    private const int UnixEpochDayNumber = 719_162;

    private static readonly JsonEncodedText s_eventId = RawJson.Encode("event_id");
    private static readonly JsonEncodedText s_type = RawJson.Encode("type");
    private static readonly JsonEncodedText s_occurredAt = RawJson.Encode("occurred_at");
    private static readonly JsonEncodedText s_workspaceId = RawJson.Encode("workspace_id");
    private static readonly JsonEncodedText s_line = RawJson.Encode("line");
    private static readonly JsonEncodedText s_user = RawJson.Encode("user");
    private static readonly JsonEncodedText s_phone = RawJson.Encode("phone");
    private static readonly JsonEncodedText s_message = RawJson.Encode("message");
    private static readonly JsonEncodedText s_id = RawJson.Encode("id");
    private static readonly JsonEncodedText s_kind = RawJson.Encode("kind");
    private static readonly JsonEncodedText s_text = RawJson.Encode("text");
    private static readonly JsonEncodedText s_conversation = RawJson.Encode("conversation");
    private static readonly JsonEncodedText s_referral = RawJson.Encode("referral");
    private static readonly JsonEncodedText s_whatsappLink = RawJson.Encode("whatsapp_link");
    private static readonly JsonEncodedText s_sender = RawJson.Encode("sender");
    private static readonly JsonEncodedText s_bot = RawJson.Encode("bot");
    private static readonly JsonEncodedText s_agent = RawJson.Encode("agent");
    private static readonly JsonEncodedText s_nodeId = RawJson.Encode("node_id");
    private static readonly JsonEncodedText s_agentId = RawJson.Encode("agent_id");
    private static readonly JsonEncodedText s_to = RawJson.Encode("to");
    private static readonly JsonEncodedText s_deploymentId = RawJson.Encode("deployment_id");
    private static readonly JsonEncodedText s_campaign = RawJson.Encode("campaign");
    private static readonly JsonEncodedText s_messageId = RawJson.Encode("message_id");
    private static readonly JsonEncodedText s_status = RawJson.Encode("status");
    private static readonly JsonEncodedText s_error = RawJson.Encode("error");
    private static readonly JsonEncodedText s_unknownType = RawJson.Encode("msg.in");

    private static readonly JsonEncodedText[] s_types =
    [
        RawJson.Encode("message.inbound"),
        RawJson.Encode("message.outbound"),
        RawJson.Encode("node.reached"),
        RawJson.Encode("agent.assigned"),
        RawJson.Encode("rating.requested"),
        RawJson.Encode("agent.closed"),
        RawJson.Encode("flow.redirected"),
        RawJson.Encode("flow.overwritten"),
        RawJson.Encode("deployment.created"),
        RawJson.Encode("deployment.status"),
    ];

    private static readonly JsonEncodedText[] s_kinds =
    [
        RawJson.Encode("text"),
        RawJson.Encode("image"),
        RawJson.Encode("audio"),
        RawJson.Encode("video"),
        RawJson.Encode("sticker"),
        RawJson.Encode("document"),
        RawJson.Encode("location"),
        RawJson.Encode("contacts"),
        RawJson.Encode("interactive"),
        RawJson.Encode("button"),
        RawJson.Encode("reaction"),
        RawJson.Encode("unknown"),
    ];

    private static readonly JsonEncodedText[] s_statuses =
    [
        RawJson.Encode("sent"),
        RawJson.Encode("delivered"),
        RawJson.Encode("read"),
        RawJson.Encode("failed"),
    ];

    private static readonly string[] s_emailNames = ["maria", "juan.perez", "camila", "andres", "sofia.r", "luis", "vale", "carlos.g",
        "john", "emily", "ana", "pedro"];
    private static readonly string[] s_emailDomains = ["gmail.com", "hotmail.com", "yahoo.com", "outlook.com"];
    private static readonly byte[] s_base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8.ToArray();

    private readonly Stream _stream;
    private readonly WorkspaceProfile[] _workspaces;
    private readonly ByteBuffer _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _writer;
    private readonly byte[] _date = new byte[10];
    private long _dateDay = long.MinValue;

    public EventRenderer(Stream stream, WorkspaceProfile[] workspaces)
    {
        _stream = stream;
        _workspaces = workspaces;
        _writer = new Utf8JsonWriter(_buffer, RawJson.Options);
    }

    public void Write(in DemoEvent ev)
    {
        var start = _buffer.Length;
        var w = _writer;
        var ws = _workspaces[ev.Workspace];
        var defect = ev.Defect;
        w.WriteStartObject();
        if (defect != Defect.MissingEventId)
        {
            WriteEventId(ws, ev.Id);
        }

        if (defect != Defect.MissingType)
        {
            w.WriteString(s_type, defect == Defect.UnknownType ? s_unknownType : s_types[(int)ev.Type]);
        }

        if (defect != Defect.MissingOccurredAt)
        {
            WriteTime(ev.Time, ev.Style, defect == Defect.NoOffset);
        }

        if (defect != Defect.MissingWorkspaceId)
        {
            w.WriteString(s_workspaceId, ws.EncodedId);
        }

        if (ev.Type != EventType.DeploymentStatus)
        {
            if (defect != Defect.MissingLine)
            {
                w.WritePropertyName(s_line);
                w.WriteRawValue(ws.Lines[ev.Line], skipInputValidation: true);
            }

            if (defect != Defect.MissingUser)
            {
                w.WriteStartObject(s_user);
                WritePhone(ev.Phone, ev.PhonePlus, defect == Defect.BadPhone);
                w.WriteEndObject();
            }
        }

        switch (ev.Type)
        {
            case EventType.MessageInbound:
                WriteMessage(in ev, ws, fromUser: true);
                WriteConversation(in ev);
                if (ev.Referral >= 0)
                {
                    w.WritePropertyName(s_referral);
                    w.WriteRawValue(ws.Referrals[ev.Referral], skipInputValidation: true);
                }

                if (ev.Link >= 0)
                {
                    w.WritePropertyName(s_whatsappLink);
                    w.WriteRawValue(ws.Links[ev.Link], skipInputValidation: true);
                }

                break;
            case EventType.MessageOutbound:
                WriteMessage(in ev, ws, fromUser: false);
                w.WriteString(s_sender, ev.ByAgent ? s_agent : s_bot);
                break;
            case EventType.NodeReached:
                w.WriteString(s_nodeId, FlowCatalog.All[ev.Flow].Nodes[ev.Node].Id);
                WriteConversation(in ev);
                break;
            case EventType.AgentAssigned:
            case EventType.AgentClosed:
                if (ev.Agent >= 0)
                {
                    w.WriteString(s_agentId, ws.Agents[ev.Agent]);
                }

                break;
            case EventType.FlowRedirected:
                var target = FlowCatalog.All[ev.Node];
                w.WritePropertyName(s_to);
                w.WriteRawValue(ev.OldVersion ? target.OldTarget : target.Target, skipInputValidation: true);
                break;
            case EventType.DeploymentCreated:
                WriteDeploymentId(ev.Number, defect);
                WriteConversation(in ev);
                if (ev.Campaign >= 0)
                {
                    w.WritePropertyName(s_campaign);
                    w.WriteRawValue(ws.Campaigns[ev.Campaign].Json, skipInputValidation: true);
                }

                if (ev.HasMessageId)
                {
                    WriteWamid(s_messageId, ws.Salt ^ 0xD5D5_D5D5UL, ev.Number, (byte)'N');
                }

                break;
            case EventType.DeploymentStatus:
                WriteDeploymentId(ev.Number, defect);
                w.WriteString(s_status, s_statuses[(int)ev.Status]);
                if (ev.Status == DeliveryStatus.Failed && ev.Error >= 0)
                {
                    w.WritePropertyName(s_error);
                    w.WriteRawValue(DeploymentErrors.Get(ev.Error), skipInputValidation: true);
                }

                break;
            case EventType.RatingRequested:
            case EventType.FlowOverwritten:
            default:
                break;
        }

        w.WriteEndObject();
        w.Flush();
        if (defect == Defect.InvalidJson)
        {
            CutShort(start, ev.Id);
        }

        _buffer.WriteByte((byte)'\n');
        w.Reset();
        if (_buffer.Length >= FlushThreshold)
        {
            WriteOut();
        }
    }

    /// <summary>Writes out what is still buffered.</summary>
    public void Flush()
    {
        WriteOut();
        _stream.Flush();
    }

    public void Dispose()
    {
        _writer.Dispose();
        _buffer.Dispose();
    }

    private void WriteOut()
    {
        _stream.Write(_buffer.Written);
        _buffer.Truncate(0);
    }

    /// <summary>Cuts the line just written somewhere in its middle, at a UTF-8 character boundary: invalid JSON.</summary>
    private void CutShort(int start, long id)
    {
        var length = _buffer.Length - start;
        var written = _buffer.Written;
        var cut = start + 10 + (int)(Rng.Mix((ulong)id) % (ulong)Math.Max(1, length - 20));
        while (cut > start && (written[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        _buffer.Truncate(cut);
    }

    private void WriteEventId(WorkspaceProfile ws, long id)
    {
        Span<byte> buffer = stackalloc byte[40];
        int length;
        switch (ws.IdStyle)
        {
            case 0:
                "ev-"u8.CopyTo(buffer);
                Utf8Formatter.TryFormat(id, buffer[3..], out length);
                length += 3;
                break;
            case 1:
                var high = Rng.Mix((ulong)id ^ ws.Salt);
                var low = Rng.Mix(high ^ 0xA5A5_5A5A_A5A5_5A5AUL);
                Span<byte> hex = stackalloc byte[32];
                Utf8Formatter.TryFormat(high, hex, out _, new StandardFormat('x', 16));
                Utf8Formatter.TryFormat(low, hex[16..], out _, new StandardFormat('x', 16));
                hex[..8].CopyTo(buffer);
                buffer[8] = (byte)'-';
                hex[8..12].CopyTo(buffer[9..]);
                buffer[13] = (byte)'-';
                hex[12..16].CopyTo(buffer[14..]);
                buffer[18] = (byte)'-';
                hex[16..20].CopyTo(buffer[19..]);
                buffer[23] = (byte)'-';
                hex[20..32].CopyTo(buffer[24..]);
                length = 36;
                break;
            default:
                "evt_"u8.CopyTo(buffer);
                Utf8Formatter.TryFormat(Rng.Mix((ulong)id ^ ws.Salt), buffer[4..], out length, new StandardFormat('x', 16));
                length += 4;
                break;
        }

        _writer.WriteString(s_eventId, buffer[..length]);
    }

    private void WriteTime(long instant, TimeStyle style, bool withoutOffset)
    {
        var offsetMinutes = style switch
        {
            TimeStyle.MinusFive => -300,
            TimeStyle.MinusSix => -360,
            TimeStyle.MinusThree => -180,
            TimeStyle.PlusOne => 60,
            _ => 0,
        };
        if (withoutOffset)
        {
            offsetMinutes = 0;
        }

        var local = instant + (offsetMinutes * 60_000L);
        var day = Math.DivRem(local, DayMs, out var msOfDay);
        if (msOfDay < 0)
        {
            day--;
            msOfDay += DayMs;
        }

        if (day != _dateDay)
        {
            var date = DateOnly.FromDayNumber((int)(day + UnixEpochDayNumber));
            Two(_date, 0, date.Year / 100);
            Two(_date, 2, date.Year % 100);
            _date[4] = (byte)'-';
            Two(_date, 5, date.Month);
            _date[7] = (byte)'-';
            Two(_date, 8, date.Day);
            _dateDay = day;
        }

        Span<byte> text = stackalloc byte[32];
        _date.CopyTo(text);
        var seconds = (int)(msOfDay / 1000);
        text[10] = (byte)'T';
        Two(text, 11, seconds / 3600);
        text[13] = (byte)':';
        Two(text, 14, seconds / 60 % 60);
        text[16] = (byte)':';
        Two(text, 17, seconds % 60);
        var length = 19;
        if (style == TimeStyle.UtcFraction && !withoutOffset)
        {
            var ms = (int)(msOfDay % 1000);
            text[19] = (byte)'.';
            text[20] = (byte)('0' + (ms / 100));
            Two(text, 21, ms % 100);
            length = 23;
        }

        if (!withoutOffset)
        {
            if (offsetMinutes == 0)
            {
                text[length++] = (byte)'Z';
            }
            else
            {
                text[length] = offsetMinutes < 0 ? (byte)'-' : (byte)'+';
                var abs = Math.Abs(offsetMinutes);
                Two(text, length + 1, abs / 60);
                text[length + 3] = (byte)':';
                Two(text, length + 4, abs % 60);
                length += 6;
            }
        }

        _writer.WriteString(s_occurredAt, text[..length]);
    }

    private void WritePhone(ulong phone, bool plus, bool bad)
    {
        if (bad)
        {
            _writer.WriteString(s_phone, "12"u8);
            return;
        }

        Span<byte> text = stackalloc byte[24];
        var offset = 0;
        if (plus)
        {
            text[0] = (byte)'+';
            offset = 1;
        }

        Utf8Formatter.TryFormat(phone, text[offset..], out var length);
        _writer.WriteString(s_phone, text[..(offset + length)]);
    }

    private void WriteMessage(in DemoEvent ev, WorkspaceProfile ws, bool fromUser)
    {
        var w = _writer;
        w.WriteStartObject(s_message);
        WriteWamid(s_id, ws.Salt, ev.Number, (byte)'M');
        w.WriteString(s_kind, s_kinds[(int)ev.Kind]);
        if (ev.Text != TextBank.None && (!fromUser || ev.Kind == MessageKind.Text))
        {
            switch (ev.Text)
            {
                case TextBank.BotPrompt:
                    w.WriteString(s_text, FlowCatalog.All[ev.Flow].Nodes[ev.Node].Prompt[(int)ws.Language]);
                    break;
                case TextBank.Email:
                    WriteEmail(ev.Phone);
                    break;
                case TextBank.OrderNumber:
                    Span<byte> order = stackalloc byte[8];
                    order[0] = (byte)'#';
                    Utf8Formatter.TryFormat(10_000 + (Rng.Mix(ev.Phone) % 90_000), order[1..], out var digits);
                    w.WriteString(s_text, order[..(1 + digits)]);
                    break;
                default:
                    w.WriteString(s_text, TextBank.Get(ev.Text));
                    break;
            }
        }

        w.WriteEndObject();
    }

    private void WriteEmail(ulong phone)
    {
        var mix = Rng.Mix(phone);
        var name = s_emailNames[(int)(mix % (ulong)s_emailNames.Length)];
        var domain = s_emailDomains[(int)((mix >> 32) % (ulong)s_emailDomains.Length)];
        Span<byte> text = stackalloc byte[64];
        var length = System.Text.Encoding.UTF8.GetBytes(name, text);
        Utf8Formatter.TryFormat(phone % 1000, text[length..], out var digits);
        length += digits;
        text[length++] = (byte)'@';
        length += System.Text.Encoding.UTF8.GetBytes(domain, text[length..]);
        _writer.WriteString(s_text, text[..length]);
    }

    private void WriteConversation(in DemoEvent ev)
    {
        if (ev.Flow < 0)
        {
            return;
        }

        var flow = FlowCatalog.All[ev.Flow];
        _writer.WritePropertyName(s_conversation);
        _writer.WriteRawValue(ev.OldVersion ? flow.OldConversation : flow.Conversation, skipInputValidation: true);
    }

    private void WriteDeploymentId(long number, Defect defect)
    {
        if (defect == Defect.MissingDeploymentId)
        {
            return;
        }

        Span<byte> text = stackalloc byte[24];
        "dep-"u8.CopyTo(text);
        Utf8Formatter.TryFormat(number, text[4..], out var length);
        _writer.WriteString(s_deploymentId, text[..(4 + length)]);
    }

    /// <summary>A WhatsApp-like message id (<c>wamid.HBgM...</c>) made from a number.</summary>
    private void WriteWamid(JsonEncodedText name, ulong salt, long number, byte marker)
    {
        Span<byte> text = stackalloc byte[48];
        "wamid.HBg"u8.CopyTo(text);
        text[9] = marker;
        var length = 10;
        var state = (ulong)number ^ salt;
        for (var block = 0; block < 3; block++)
        {
            // The first block spells all 64 bits of a bijection of the number, so ids never collide.
            var bits = Rng.Mix(state + ((ulong)block * 0x9E3779B97F4A7C15UL));
            var chars = block == 0 ? 11 : 10;
            for (var i = 0; i < chars; i++)
            {
                text[length++] = s_base64[(int)(bits & 63)];
                bits >>= 6;
            }
        }

        "AA=="u8.CopyTo(text[length..]);
        _writer.WriteString(name, text[..(length + 4)]);
    }

    private static void Two(Span<byte> target, int at, int value)
    {
        target[at] = (byte)('0' + (value / 10));
        target[at + 1] = (byte)('0' + (value % 10));
    }
}
