using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.WhatsApp;

/// <summary>
/// A WhatsApp Business phone number as configured (<c>analytics lines add</c>): whose webhooks it carries and how they
/// become events.
/// </summary>
public sealed record WhatsAppLine
{
    /// <summary>Meta's id of the number, as webhooks name it in <c>metadata.phone_number_id</c>.</summary>
    public required string PhoneNumberId { get; init; }

    /// <summary>The workspace every event of this number belongs to.</summary>
    public required WorkspaceId Workspace { get; init; }

    /// <summary>The number's digits with country code, as configured.</summary>
    public required string Number { get; init; }

    /// <summary>The name users see as the sender; the events' <c>line.display_name</c>.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The flow a message that starts a session is routed to; null: sessions have no conversation.</summary>
    public ConversationRef? DefaultConversation { get; init; }

    /// <summary>WhatsApp-link campaigns recognised by the code in their prefilled text. Default none.</summary>
    public IReadOnlyList<WhatsAppLinkCode> LinkCodes { get; init; } = [];
}
