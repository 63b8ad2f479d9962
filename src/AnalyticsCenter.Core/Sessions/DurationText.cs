using System.Globalization;

namespace AnalyticsCenter.Core.Sessions;

/// <summary>The one spelling of a settings duration: a whole number and a unit, <c>90s</c>, <c>45m</c>, <c>2h</c>, <c>30d</c>, at most a year.</summary>
public static class DurationText
{
    /// <summary>Reads <c>90s</c>, <c>45m</c>, <c>2h</c> or <c>30d</c>: positive, at most 365 days.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var unit = char.ToLowerInvariant(text[^1]);
        if (!long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return false;
        }

        TimeSpan? read = unit switch
        {
            's' when amount <= 365L * 86400 => TimeSpan.FromSeconds(amount),
            'm' when amount <= 365L * 1440 => TimeSpan.FromMinutes(amount),
            'h' when amount <= 365L * 24 => TimeSpan.FromHours(amount),
            'd' when amount <= 365 => TimeSpan.FromDays(amount),
            _ => null,
        };
        duration = read.GetValueOrDefault();
        return read is not null;
    }

    /// <summary>The shortest spelling <see cref="TryParse"/> reads back: <c>45m</c>, <c>2h</c>, <c>30d</c>.</summary>
    public static string Format(TimeSpan duration) => duration switch
    {
        { } d when d.Ticks % TimeSpan.TicksPerDay == 0 => $"{d.Ticks / TimeSpan.TicksPerDay}d",
        { } d when d.Ticks % TimeSpan.TicksPerHour == 0 => $"{d.Ticks / TimeSpan.TicksPerHour}h",
        { } d when d.Ticks % TimeSpan.TicksPerMinute == 0 => $"{d.Ticks / TimeSpan.TicksPerMinute}m",
        { } d => $"{(long)d.TotalSeconds}s",
    };
}
