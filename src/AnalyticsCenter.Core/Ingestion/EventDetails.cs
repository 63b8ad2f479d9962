using System.Text.Encodings.Web;
using System.Text.Json;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Core.Ingestion;

/// <summary>
/// The part of an event that only rows' text columns need, as the JSON object stored in <c>ac.events.details</c>:
/// only the fields the event has, named as the columns they feed. Not thread-safe: one per parsing thread.
/// </summary>
public sealed class EventDetails : IDisposable
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Utf8JsonWriter _writer = new(Stream.Null, s_options);

    /// <summary>
    /// Writes the event's details as UTF-8 JSON (what DuckDB stores, so no text is converted twice); returns their
    /// length in bytes, or -1 (and writes nothing) when the event has none.
    /// </summary>
    public int Write(PlatformEvent e, ByteBuffer text)
    {
        var start = text.Length;
        _writer.Reset(text);
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
        if (text.Length - start <= 2)
        {
            text.Truncate(start);
            return -1;
        }

        return text.Length - start;
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
