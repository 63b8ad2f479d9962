using System.Text;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Tests;

/// <summary>Runs one line through a fresh <see cref="EventParser"/> and says what came out.</summary>
internal static class Parsing
{
    public static EventParseResult Parse(string line) => new EventParser().Parse(Encoding.UTF8.GetBytes(line));

    public static EventParseResult Parse(EventJson line) => Parse(line.ToString());

    /// <summary>The accepted event; fails with the rejection's reason otherwise.</summary>
    public static PlatformEvent Accepted(EventJson line) => Accepted(line.ToString());

    public static PlatformEvent Accepted(string line)
    {
        var result = Parse(line);
        Assert.True(result.Event is not null, $"rejected: {result.Rejection?.Reason}");
        Assert.Null(result.Rejection);
        return result.Event;
    }

    /// <summary>The rejection; fails when the line was accepted.</summary>
    public static Rejection Rejected(EventJson line) => Rejected(line.ToString());

    public static Rejection Rejected(string line)
    {
        var result = Parse(line);
        Assert.Null(result.Event);
        Assert.NotNull(result.Rejection);
        return result.Rejection;
    }
}
