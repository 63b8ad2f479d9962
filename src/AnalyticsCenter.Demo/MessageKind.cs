namespace AnalyticsCenter.Demo;

/// <summary>WhatsApp message kinds, as the contract spells them (lower case).</summary>
internal enum MessageKind : byte
{
    Text,
    Image,
    Audio,
    Video,
    Sticker,
    Document,
    Location,
    Contacts,
    Interactive,
    Button,
    Reaction,
    Unknown,
}
