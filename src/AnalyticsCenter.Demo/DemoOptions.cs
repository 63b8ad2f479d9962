namespace AnalyticsCenter.Demo;

/// <summary>
/// What <see cref="DemoEventGenerator"/> generates. The same options always give byte-identical output.
/// </summary>
public sealed record DemoOptions
{
    /// <summary>Seed of the pseudo-random generator. Default <c>7</c>. The same options give byte-identical output.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>About how many lines to write (the result is within a few percent). Default <c>200_000</c>.</summary>
    public long Events { get; init; } = 200_000;

    /// <summary>
    /// The instant the generated period ends at; no default (required). Pass the caller's clock's "now":
    /// the generator never reads a clock itself.
    /// </summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Length of the generated period, which is <c>[End - Period, End]</c>. Default 30 days.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Number of workspaces (tenants). Default <c>3</c>: <c>acme</c>, <c>globex</c>, <c>initech</c>, then <c>ws-4</c>, <c>ws-5</c>...
    /// </summary>
    public int Workspaces { get; init; } = 3;

    /// <summary>
    /// Whether to sprinkle defects: bad lines (about 0.2%), exact duplicate lines, late arrivals written out of
    /// time order and deployment statuses written before their <c>deployment.created</c>. Default <c>true</c>.
    /// </summary>
    public bool IncludeDefects { get; init; } = true;

    /// <summary>
    /// The share of lines that come from outbound campaign blasts (deployments, their statuses and the replies they
    /// start); the rest are users writing in. Default <c>0.3</c>. From 0 to 1.
    /// </summary>
    public double OutboundShare { get; init; } = 0.3;
}
