using AnalyticsCenter.Core.Sessions;

namespace AnalyticsCenter.Cli;

/// <summary>Durations on the command line: <c>90s</c>, <c>45m</c>, <c>2h</c>, <c>30d</c>.</summary>
internal static class Durations
{
    public static TimeSpan Parse(string text, string option) =>
        DurationText.TryParse(text, out var duration)
            ? duration
            : throw new UsageException($"{option} \"{text}\" is not a duration like 90s, 45m, 2h or 30d");
}
