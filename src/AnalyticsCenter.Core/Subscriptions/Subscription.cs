namespace AnalyticsCenter.Core.Subscriptions;

/// <summary>A subscription as the store keeps it.</summary>
/// <param name="Id">Its identifier (16 lowercase hex characters).</param>
/// <param name="Request">What was asked for.</param>
/// <param name="Secret">The key its webhook bodies are signed with (64 hex characters); empty for email.</param>
/// <param name="CreatedAtUtc">When it was added: no slot before it is delivered.</param>
public sealed record Subscription(string Id, NewSubscription Request, string Secret, DateTime CreatedAtUtc);
