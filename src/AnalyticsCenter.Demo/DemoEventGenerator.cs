namespace AnalyticsCenter.Demo;

/// <summary>
/// Generates realistic conversation-platform events as UTF-8 NDJSON in the shapes of the event contract
/// (events.md): inbound visits through flows, redirects, agent hand-offs, ratings, returning users, ads and
/// WhatsApp-link attribution, and outbound campaigns with their delivery statuses. Deterministic: the same
/// options give byte-identical output. Streams: memory does not grow with the number of events.
/// </summary>
public sealed class DemoEventGenerator
{
    private readonly DemoOptions _options;

    public DemoEventGenerator(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Events);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Period, TimeSpan.FromMinutes(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workspaces, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Workspaces, 10_000);
        if (options.OutboundShare is not (>= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The outbound share must be from 0 to 1.");
        }
        if (options.End - options.Period < DateTimeOffset.UnixEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The period must begin after 1970-01-01.");
        }

        _options = options;
    }

    /// <summary>
    /// Writes the events to <paramref name="output"/>, one JSON object per line, each line ended by <c>'\n'</c>.
    /// The stream needs only to be writable (it is never sought) and is left open.
    /// </summary>
    public DemoSummary Write(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new Simulation(_options).Run(output);
    }
}
