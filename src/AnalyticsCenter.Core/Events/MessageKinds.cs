namespace AnalyticsCenter.Core.Events;

/// <summary>The message kinds the event contract knows (<c>message.kind</c>).</summary>
public static class MessageKinds
{
    /// <summary>Every kind, in the contract's order; <c>unknown</c> is for anything else the platform received.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["text", "image", "audio", "video", "sticker", "document", "location", "contacts", "interactive", "button", "reaction", "unknown"];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind);
}
