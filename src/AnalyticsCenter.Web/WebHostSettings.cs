namespace AnalyticsCenter.Web;

/// <summary>How the HTTP host behaves. Immutable; each default is documented on its property.</summary>
public sealed record WebHostSettings
{
    /// <summary>Requests a key may make per minute before it gets 429 with Retry-After. Default 600.</summary>
    public int RequestsPerMinutePerKey { get; init; } = 600;

    /// <summary>The largest page a table browse returns. Default 1,000 rows.</summary>
    public int MaxPageRows { get; init; } = 1_000;

    /// <summary>The largest body <c>POST /api/v1/events</c> accepts, in bytes; larger gets 413. Default 16 MiB.</summary>
    public long MaxIngestBytes { get; init; } = 16L << 20;

    /// <summary>The most events one <c>POST /api/v1/events</c> may carry; more gets 413. Default 10,000.</summary>
    public int MaxEventsPerRequest { get; init; } = 10_000;

    /// <summary>
    /// When the tables are refreshed: an interval aligned to the clock in UTC from midnight (every 3 hours: 00:00, 03:00, …)
    /// or a cron expression in UTC (<see cref="RefreshSchedule.Cron"/>). Default every 3 hours; null refreshes only on demand.
    /// </summary>
    public RefreshSchedule? RefreshEvery { get; init; } = RefreshSchedule.Every(TimeSpan.FromHours(3));

    /// <summary>Ingest requests that may wait for the store's single writer; more get 429 with Retry-After. Default 8.</summary>
    public int IngestQueueLength { get; init; } = 8;

    /// <summary>
    /// How long a web sign-in lasts without use (each request renews it); the key's revocation ends it at once. Default 8 hours.
    /// </summary>
    public TimeSpan SignInLifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How long a stopping server (SIGTERM) waits for requests under way (queued ingests included) to finish before it
    /// exits anyway. Default 30 seconds.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where the keys that protect sign-in cookies are kept. Default null: ASP.NET Core's own place for the user running
    /// the server (sign-ins may not survive a restart where that is not kept). <c>serve</c> sets a folder beside the store.
    /// </summary>
    public string? SignInKeysDirectory { get; init; }
}
