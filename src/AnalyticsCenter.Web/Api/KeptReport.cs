using AnalyticsCenter.Query;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// An answer as it was sent (its body and content type, the data version it was computed at and when), with the request
/// it answered: the report and the values it was asked with, to compute it again after a refresh.
/// </summary>
internal sealed record KeptReport(
    KeptReportKey Key, long Version, byte[] Body, string ContentType, DateTimeOffset ComputedAt, ReadyReport Report,
    IReadOnlyDictionary<string, object?> Values);
