namespace AnalyticsCenter.Demo;

/// <summary>A user a workspace has met: who they are, which line they usually write to, what they speak.</summary>
internal readonly record struct UserRecord(ulong Phone, byte Line, Language Language, byte Plan);
