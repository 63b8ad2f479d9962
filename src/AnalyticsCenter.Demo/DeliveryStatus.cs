namespace AnalyticsCenter.Demo;

/// <summary>WhatsApp's status values of a deployment's message.</summary>
internal enum DeliveryStatus : byte
{
    Sent,
    Delivered,
    Read,
    Failed,
}
