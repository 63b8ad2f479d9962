namespace AnalyticsCenter.TestKit.Delivery;

/// <summary>One POST the loopback receiver took: its headers, raw body, and the status it answered.</summary>
public sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, byte[] Body, int AnsweredStatus);
