namespace AnalyticsCenter.Core.Sessions;

/// <summary>A deployment's outcome (the <c>delivery_status</c> column).</summary>
public enum DeliveryStatus : byte
{
    InProcess = 1,
    Delivered = 2,
    Failed = 3,
}
