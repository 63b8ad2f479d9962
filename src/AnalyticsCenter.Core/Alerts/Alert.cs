namespace AnalyticsCenter.Core.Alerts;

/// <summary>An alert as the store keeps it.</summary>
/// <param name="Id">Its identifier (16 lowercase hex characters).</param>
/// <param name="Request">What was asked for.</param>
/// <param name="Secret">The key its webhook bodies are signed with (64 hex characters); empty for email.</param>
/// <param name="CreatedAtUtc">When it was added.</param>
/// <param name="State">Whether its condition held at its last check.</param>
/// <param name="LastValue">The number at its last check; null for no rows, or never checked.</param>
/// <param name="LastCheckedAsOfUtc">The refresh as-of of its last check; null when never checked.</param>
public sealed record Alert(
    string Id, NewAlert Request, string Secret, DateTime CreatedAtUtc, AlertState State, double? LastValue, DateTime? LastCheckedAsOfUtc);
