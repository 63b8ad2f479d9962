using AnalyticsCenter.Core.Alerts;

namespace AnalyticsCenter.Subscriptions;

/// <summary>One check of one alert that this server won.</summary>
/// <param name="Alert">The alert as it was read before the check.</param>
/// <param name="AsOfUtc">The refresh as-of it checked.</param>
/// <param name="Transition">The change it saw, with how its notification went; null when the state stayed.</param>
/// <param name="Problem">Why the number could not be read (the state stays); null when it was.</param>
public sealed record AlertCheck(Alert Alert, DateTime AsOfUtc, AlertTransition? Transition, string? Problem);
