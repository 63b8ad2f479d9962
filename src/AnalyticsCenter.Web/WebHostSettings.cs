namespace AnalyticsCenter.Web;

/// <summary>How the HTTP host behaves. Immutable; each default is documented on its property.</summary>
public sealed record WebHostSettings
{
    /// <summary>Requests a key may make per minute before it gets 429 with Retry-After. Default 600.</summary>
    public int RequestsPerMinutePerKey { get; init; } = 600;

    /// <summary>The largest page a table browse returns. Default 1,000 rows.</summary>
    public int MaxPageRows { get; init; } = 1_000;
}
