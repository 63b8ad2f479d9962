namespace AnalyticsCenter.Web.Api;

/// <summary>An answer as it was sent: its body and content type, the data version it was computed at and when.</summary>
internal sealed record KeptReport(KeptReportKey Key, long Version, byte[] Body, string ContentType, DateTimeOffset ComputedAt);
