namespace AnalyticsCenter.Core.Events;

/// <summary>
/// One accepted event of the contract (events.md), flattened: the envelope plus every type's optional fields.
/// A field a type does not carry is null.
/// </summary>
public sealed class PlatformEvent
{
    public required string EventId { get; init; }
    public required EventType Type { get; init; }

    /// <summary>When it happened, in UTC, to the microsecond.</summary>
    public required DateTime OccurredAt { get; init; }
    public required string WorkspaceId { get; init; }

    /// <summary>The business line's digits with country code; null only for <c>deployment.status</c>.</summary>
    public string? LineNumber { get; init; }
    public string? LineDisplayName { get; init; }

    /// <summary>The user's number; null only for <c>deployment.status</c>.</summary>
    public UserPhone? User { get; init; }

    public string? MessageId { get; init; }
    public string? MessageKind { get; init; }

    /// <summary>Only read when <see cref="MessageKind"/> is <c>text</c>.</summary>
    public string? MessageText { get; init; }
    public string? Sender { get; init; }

    public string? ConversationId { get; init; }
    public int? ConversationVersion { get; init; }

    public string? ReferralSourceUrl { get; init; }
    public string? ReferralSourceType { get; init; }
    public string? ReferralSourceId { get; init; }
    public string? ReferralHeadline { get; init; }
    public string? ReferralBody { get; init; }
    public string? ReferralMediaType { get; init; }
    public string? ReferralMediaUrl { get; init; }
    public string? ReferralThumbnailUrl { get; init; }

    public string? LinkCampaignName { get; init; }
    public string? LinkCampaignSource { get; init; }

    public string? NodeId { get; init; }
    public string? AgentId { get; init; }

    public string? DeploymentId { get; init; }
    public string? CampaignName { get; init; }
    public DeliveryReport? Status { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorTitle { get; init; }
    public string? ErrorDetail { get; init; }
}
