using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// The part of an event that only rows' text columns need, as the JSON object stored in <c>ac.events.details</c>:
/// only the fields the event has, named as the columns they feed. Not thread-safe: one per parsing thread.
/// </summary>
internal sealed class EventDetails : IDisposable
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;

    public EventDetails() => _writer = new Utf8JsonWriter(_buffer, s_options);

    /// <summary>The event's details as UTF-8 JSON, or null when it has none. UTF-8 is what DuckDB stores, so no text is converted twice.</summary>
    public byte[]? Of(PlatformEvent e)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        Write("line_display_name", e.LineDisplayName);
        Write("message_id", e.MessageId);
        Write("message_kind", e.MessageKind);
        Write("message_text", e.MessageText);
        Write("sender", e.Sender);
        Write("conversation_id", e.ConversationId);
        if (e.ConversationVersion is { } version)
        {
            _writer.WriteNumber("conversation_version", version);
        }

        Write("referral_source_url", e.ReferralSourceUrl);
        Write("referral_source_type", e.ReferralSourceType);
        Write("referral_source_id", e.ReferralSourceId);
        Write("referral_headline", e.ReferralHeadline);
        Write("referral_body", e.ReferralBody);
        Write("referral_media_type", e.ReferralMediaType);
        Write("referral_media_url", e.ReferralMediaUrl);
        Write("referral_thumbnail_url", e.ReferralThumbnailUrl);
        Write("link_campaign_name", e.LinkCampaignName);
        Write("link_campaign_source", e.LinkCampaignSource);
        Write("node_id", e.NodeId);
        Write("agent_id", e.AgentId);
        Write("campaign_name", e.CampaignName);
        Write("error_code", e.ErrorCode);
        Write("error_title", e.ErrorTitle);
        Write("error_detail", e.ErrorDetail);
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenCount <= 2 ? null : _buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => _writer.Dispose();

    private void Write(string name, string? value)
    {
        if (value is not null)
        {
            _writer.WriteString(name, value);
        }
    }
}
