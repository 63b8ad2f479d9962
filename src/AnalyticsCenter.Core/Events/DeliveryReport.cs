namespace AnalyticsCenter.Core.Events;

/// <summary>WhatsApp's status values for a sent message, as <c>deployment.status</c> carries them. Stored; never renumber.</summary>
public enum DeliveryReport : byte
{
    Sent = 1,
    Delivered = 2,
    Read = 3,
    Failed = 4,
}
