using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Web;

/// <summary>How the HTTP host behaves. Immutable; each default is documented on its property.</summary>
public sealed record WebHostSettings
{
    /// <summary>Requests a key may make per minute before it gets 429 with Retry-After. Default 600.</summary>
    public int RequestsPerMinutePerKey { get; init; } = 600;

    /// <summary>
    /// What a workspace may upload (<c>PUT /api/v1/tables/{name}</c>): rows, columns, bytes per workspace (also the largest
    /// request body), tables; each default is documented on <see cref="Core.Uploads.UploadLimits"/>.
    /// </summary>
    public Core.Uploads.UploadLimits Uploads { get; init; } = new();

    /// <summary>
    /// Failed authentications (a Bearer key or a sign-in form key that matches no active key) one client address may make
    /// per <see cref="FailedSignInWindow"/>; past them, every request from that address that presents a key gets 429 with
    /// Retry-After until the window ends, a right key included. An IPv6 client counts by its /64 network. Default 10.
    /// </summary>
    public int FailedSignInsPerAddress { get; init; } = 10;

    /// <summary>The window <see cref="FailedSignInsPerAddress"/> counts in. Default 1 minute.</summary>
    public TimeSpan FailedSignInWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Wrong passwords one account (email) may take per <see cref="AccountLockout"/>, from any address; past them the account
    /// is locked until the window ends, the right password included, so guessing it from many addresses learns nothing. Default 5.
    /// </summary>
    public int FailedSignInsPerAccount { get; init; } = 5;

    /// <summary>The window <see cref="FailedSignInsPerAccount"/> counts in, and so the longest lockout. Default 15 minutes.</summary>
    public TimeSpan AccountLockout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an invitation link stays usable. Default 7 days.</summary>
    public TimeSpan InvitationLifetime { get; init; } = TeamRules.InvitationLifetime;

    /// <summary>How long a password reset link stays usable. Default 1 hour.</summary>
    public TimeSpan PasswordResetLifetime { get; init; } = TeamRules.ResetLifetime;

    /// <summary>
    /// How often a workspace may ask for a refresh (<c>POST /api/v1/refresh</c>); sooner gets 429 with Retry-After. A
    /// refresh is one pass over every workspace, so this bounds what one workspace can make the store's writer do.
    /// Default 1 minute.
    /// </summary>
    public TimeSpan RefreshRequestInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The largest JSON body <c>POST /api/v1/query</c> and <c>/api/v1/saved-queries</c> accept, in bytes, checked before
    /// any of it is parsed; larger gets 413. Default 1 MiB.
    /// </summary>
    public long MaxJsonBodyBytes { get; init; } = 1L << 20;

    /// <summary>
    /// The longest SQL text a query or a saved query may have, in characters; longer gets 400 before it is parsed.
    /// Default <see cref="SavedQuery.MaxSqlLength"/> (100,000).
    /// </summary>
    public int MaxQueryLength { get; init; } = SavedQuery.MaxSqlLength;

    /// <summary>Whether each request is logged, in one line (<see cref="RequestLog"/>). Default true.</summary>
    public bool LogRequests { get; init; } = true;

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

    /// <summary>Ingest requests that may wait for the store's writers or hold one; more get 429 with Retry-After. Default 8.</summary>
    public int IngestQueueLength { get; init; } = 8;

    /// <summary>
    /// How many writers run at once on a store that takes several writing transactions (<see cref="IConcurrentWrites"/>, a
    /// database server): each stores the ingest requests waiting for it in one transaction of its own, so the server's cores
    /// and this process's work side by side. A store that one process writes (a DuckDB file) always has one. Default: this
    /// machine's cores.
    /// </summary>
    public int ConcurrentWriters { get; init; } = Environment.ProcessorCount;

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
    /// Where the keys that protect sign-in cookies are kept. Default null: in the store when it keeps them
    /// (<see cref="ISignInKeyRing"/>, a store several servers share), else ASP.NET Core's own place for the user running the
    /// server (sign-ins may not survive a restart where that is not kept). <c>serve</c> sets a folder beside a store file.
    /// </summary>
    public string? SignInKeysDirectory { get; init; }

    /// <summary>How host platforms embed the tab: which may frame it, the audience their tokens name, token lifetimes.</summary>
    public Embed.EmbedSettings Embed { get; init; } = new();
}
