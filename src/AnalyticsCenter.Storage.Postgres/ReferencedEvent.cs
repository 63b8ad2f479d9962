using System.Buffers;
using System.Text;
using System.Text.Json;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Sessions;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// An event a refresh's rows refer to, with the fields of its details (Core's EventDetails) that fill the rows' text.
/// </summary>
internal sealed class ReferencedEvent
{
    /// <summary>The referral's fields in details, in the order of the sessions' meta_source_* columns.</summary>
    private static readonly string[] s_referralFields =
    [
        "referral_source_url", "referral_source_type", "referral_source_id", "referral_headline", "referral_body",
        "referral_media_type", "referral_media_url", "referral_thumbnail_url",
    ];

    public required EventType Type { get; init; }

    public required string EventId { get; init; }

    public string? DeploymentId { get; init; }

    public required DateTime OccurredAt { get; init; }

    public string? LineDisplayName { get; private set; }

    public string? MessageText { get; private set; }

    public string? ConversationId { get; private set; }

    public int? ConversationVersion { get; private set; }

    public string? NodeId { get; private set; }

    public string? CampaignName { get; private set; }

    public string? ErrorCode { get; private set; }

    public string? ErrorTitle { get; private set; }

    public string? LinkCampaignName { get; private set; }

    public string? LinkCampaignSource { get; private set; }

    /// <summary>The referral's eight fields, in the order of the sessions' meta_source_* columns.</summary>
    public string?[] Referral { get; } = new string?[s_referralFields.Length];

    /// <summary>The id of the session this event started (a <c>deployment.created</c> starts its deployment's).</summary>
    public string StartedSessionId(string workspace) =>
        Type == EventType.DeploymentCreated && DeploymentId is { } deployment
            ? SessionKey.OfDeployment(workspace, deployment)
            : SessionKey.OfEvent(workspace, EventId);

    /// <summary>The workspace's events of <paramref name="seqs"/>, by seq.</summary>
    public static async Task<Dictionary<long, ReferencedEvent>> ReadAsync(
        NpgsqlConnection connection, string workspace, long[] seqs, CancellationToken cancellationToken)
    {
        var events = new Dictionary<long, ReferencedEvent>(seqs.Length);
        await using var command = connection.Command("Refresh/ReferencedEvents.sql", ("ws", workspace), ("seqs", seqs));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var e = new ReferencedEvent
            {
                Type = (EventType)reader.GetInt16(1),
                EventId = reader.GetString(2),
                DeploymentId = reader.StringOrNull(3),
                OccurredAt = reader.GetDateTime(4),
            };
            if (!reader.IsDBNull(5))
            {
                e.ReadDetails(reader.GetString(5));
            }

            events.Add(reader.GetInt64(0), e);
        }

        return events;
    }

    /// <summary>
    /// Reads the fields rows need from details' UTF-8 (Core's EventDetails writes them flat); a value that is not a string
    /// is taken as its JSON text, as jsonb_to_record would.
    /// </summary>
    private void ReadDetails(string details)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(details.Length));
        try
        {
            var json = new Utf8JsonReader(buffer.AsSpan(0, Encoding.UTF8.GetBytes(details, buffer)));
            json.Read();
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                var name = json;
                json.Read();
                if (json.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    json.Skip();
                }
                else
                {
                    Set(ref name, ref json);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Set(ref Utf8JsonReader name, ref Utf8JsonReader value)
    {
        if (name.ValueTextEquals("line_display_name"u8))
        {
            LineDisplayName = Text(ref value);
        }
        else if (name.ValueTextEquals("message_text"u8))
        {
            MessageText = Text(ref value);
        }
        else if (name.ValueTextEquals("conversation_id"u8))
        {
            ConversationId = Text(ref value);
        }
        else if (name.ValueTextEquals("conversation_version"u8))
        {
            ConversationVersion = value.TokenType == JsonTokenType.Null ? null : value.GetInt32();
        }
        else if (name.ValueTextEquals("node_id"u8))
        {
            NodeId = Text(ref value);
        }
        else if (name.ValueTextEquals("campaign_name"u8))
        {
            CampaignName = Text(ref value);
        }
        else if (name.ValueTextEquals("error_code"u8))
        {
            ErrorCode = Text(ref value);
        }
        else if (name.ValueTextEquals("error_title"u8))
        {
            ErrorTitle = Text(ref value);
        }
        else if (name.ValueTextEquals("link_campaign_name"u8))
        {
            LinkCampaignName = Text(ref value);
        }
        else if (name.ValueTextEquals("link_campaign_source"u8))
        {
            LinkCampaignSource = Text(ref value);
        }
        else if (name.ValueSpan.StartsWith("referral_"u8) && Array.IndexOf(s_referralFields, name.GetString()) is var referral and >= 0)
        {
            Referral[referral] = Text(ref value);
        }
    }

    private static string? Text(ref Utf8JsonReader value) => value.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => value.GetString(),
        _ => Encoding.UTF8.GetString(value.ValueSpan),
    };
}
