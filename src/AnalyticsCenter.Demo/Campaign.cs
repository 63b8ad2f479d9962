namespace AnalyticsCenter.Demo;

/// <summary>An outbound campaign of a workspace: its name, the flow it sends, its line and how often it fails.</summary>
internal sealed record Campaign(byte[] Json, int Flow, byte Line, double FailureRate);
