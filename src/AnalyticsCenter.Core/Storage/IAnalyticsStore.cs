using System.Data.Common;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.WhatsApp;

namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// What the Analytics Center needs of a store: keep events and rejections, refresh the two tables, and answer
/// tenant-scoped read-only queries. DuckDB implements it; a server database can.
/// </summary>
public interface IAnalyticsStore : IDisposable
{
    /// <summary>Reads NDJSON events from <paramref name="input"/>, keeping accepted events and rejections durably.</summary>
    /// <param name="input">The lines; read forward once, never whole.</param>
    /// <param name="source">Where they came from, kept with each rejection (a file path, <c>stdin</c>, a request).</param>
    /// <param name="progress">Told the number of bytes read so far, now and then.</param>
    /// <param name="cancellationToken">Stops between batches; what was committed stays.</param>
    IngestReport Ingest(Stream input, string source, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Reads and checks a small input (an HTTP request's lines) whole, without the writer: any number may at once.</summary>
    PreparedInput Prepare(Stream input, IngestOptions options);

    /// <summary>
    /// Several prepared inputs in one transaction: all are stored or none, and each is reported on its own, as if
    /// ingested in the order given. One commit for many small inputs is what makes HTTP ingest fast.
    /// </summary>
    IReadOnlyList<IngestReport> IngestTogether(IReadOnlyList<PreparedInput> inputs, CancellationToken cancellationToken = default);

    /// <summary>Brings both tables of every workspace to <paramref name="asOfUtc"/>, in one transaction.</summary>
    RefreshReport Refresh(DateTime asOfUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Brings only <paramref name="workspace"/>'s tables to <paramref name="asOfUtc"/>, with its retention, in one transaction:
    /// every other workspace keeps its rows, its events and its as-of time. What a workspace's own key may ask for.
    /// </summary>
    RefreshReport Refresh(WorkspaceId workspace, DateTime asOfUtc, CancellationToken cancellationToken = default);

    /// <summary>Sets a workspace's inactivity timeout; the next refresh recomputes that workspace.</summary>
    void SetInactivityTimeout(WorkspaceId workspace, InactivityTimeout timeout);

    /// <summary>Sets a workspace's default time zone (its other settings stay); reports use it from the next query on.</summary>
    /// <exception cref="ArgumentException">The store's database cannot bucket days in that zone.</exception>
    void SetTimeZone(WorkspaceId workspace, WorkspaceTimeZone zone);

    /// <summary>A workspace's default time zone: UTC unless one was set.</summary>
    WorkspaceTimeZone GetTimeZone(WorkspaceId workspace);

    /// <summary>Every workspace the store knows, with its state, or only <paramref name="workspace"/>.</summary>
    IReadOnlyList<WorkspaceStatus> GetStatus(WorkspaceId? workspace = null);

    /// <summary>
    /// Runs one read-only SELECT as <paramref name="workspace"/>, seeing only its <c>sessions</c> and
    /// <c>deployments</c>, and hands the streaming result to <paramref name="read"/>.
    /// </summary>
    /// <exception cref="QueryRefusedException">The statement is not a single SELECT over those two tables, or it is longer, or
    /// its result wider, than the store allows.</exception>
    /// <exception cref="QueryFailedException">The statement is well-formed but could not run (unknown column, bad cast…, a call
    /// making a value bigger than the store allows), or was stopped because the server's memory passed its limit.</exception>
    /// <exception cref="QueryTimedOutException">It ran, or waited for its turn among the queries running at once, past the
    /// time limit and was interrupted.</exception>
    Task<T> QueryAsync<T>(WorkspaceId workspace, string sql, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="QueryAsync{T}(WorkspaceId, string, Func{DbDataReader, Task{T}}, CancellationToken)"/>, with values for the
    /// statement's named parameters (<c>$from</c>, <c>$country</c>…): values, never SQL, so they need no checking.
    /// </summary>
    Task<T> QueryAsync<T>(
        WorkspaceId workspace, string sql, IReadOnlyDictionary<string, object?> parameters, Func<DbDataReader, Task<T>> read,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="QueryAsync{T}(WorkspaceId, string, IReadOnlyDictionary{string, object?}, Func{DbDataReader, Task{T}}, CancellationToken)"/>,
    /// but writes the whole result to <paramref name="destination"/> as one Parquet file, with bounded memory however many rows.
    /// Without <paramref name="keepRowOrder"/> (a table export, which has no order) it is faster and needs less memory.
    /// </summary>
    /// <returns>The rows written.</returns>
    Task<long> ExportParquetAsync(
        WorkspaceId workspace, string sql, IReadOnlyDictionary<string, object?> parameters, Stream destination, bool keepRowOrder = true,
        CancellationToken cancellationToken = default);

    /// <summary>The kept rejections (received_at, workspace_id, source, line_number, reason, raw), newest first.</summary>
    Task<T> ReadRejectionsAsync<T>(WorkspaceId? workspace, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates an API key acting as <paramref name="workspace"/> with <paramref name="scope"/>. The store keeps only a salted
    /// hash of its secret: the returned <see cref="CreatedApiKey.Key"/> is the one chance to see the whole key.
    /// </summary>
    /// <param name="workspace">The workspace the key acts as.</param>
    /// <param name="name">A label to tell keys apart (not unique, not secret).</param>
    /// <param name="scope">What the key may do.</param>
    CreatedApiKey CreateKey(WorkspaceId workspace, string name, KeyScope scope);

    /// <summary>Every key, revoked ones included, or only <paramref name="workspace"/>'s; by workspace, then creation time. Never secrets.</summary>
    IReadOnlyList<ApiKeyInfo> ListKeys(WorkspaceId? workspace = null);

    /// <summary>Revokes a key for good; true if it existed and was not already revoked.</summary>
    bool RevokeKey(string keyId);

    /// <summary>
    /// The key <paramref name="presentedKey"/> names, when it is well-formed, known, not revoked, and its secret matches
    /// (compared in constant time); otherwise null. Never throws for what a client sends.
    /// </summary>
    ApiKeyInfo? Authenticate(string presentedKey);

    /// <summary>Adds a WhatsApp line, or replaces the settings of the one with its phone number id (its link codes stay).</summary>
    void SaveLine(WhatsAppLine line);

    /// <summary>Adds (or replaces) a WhatsApp-link code of a configured line; false when no line has <paramref name="phoneNumberId"/>.</summary>
    bool SaveLinkCode(string phoneNumberId, WhatsAppLinkCode code);

    /// <summary>Every configured WhatsApp line with its link codes, or only <paramref name="workspace"/>'s; by workspace, then phone number id.</summary>
    IReadOnlyList<WhatsAppLine> ListLines(WorkspaceId? workspace = null);

    /// <summary>
    /// Keeps what a webhook delivery holds besides events, in one transaction: statuses wait (once each) for the refresh
    /// that finds the deployment naming their message id, which turns them into <c>deployment.status</c> events; parts
    /// that could not be mapped are kept as rejections from <paramref name="source"/>.
    /// </summary>
    void KeepWebhookDelivery(IReadOnlyList<WhatsAppStatus> statuses, IReadOnlyList<WebhookRejection> rejections, string source);

    /// <summary>The queries <paramref name="workspace"/> saved, by name.</summary>
    IReadOnlyList<SavedQuery> ListSavedQueries(WorkspaceId workspace);

    /// <summary>
    /// Saves <paramref name="sql"/> under <paramref name="name"/> for <paramref name="workspace"/>; saving a name again
    /// replaces its text and keeps its id.
    /// </summary>
    /// <exception cref="ArgumentException">The name is blank or longer than <see cref="SavedQuery.MaxNameLength"/>, or the SQL
    /// is blank or longer than <see cref="SavedQuery.MaxSqlLength"/>.</exception>
    SavedQuery SaveQuery(WorkspaceId workspace, string name, string sql);

    /// <summary>Deletes one of <paramref name="workspace"/>'s saved queries; false when it has none with that id.</summary>
    bool DeleteSavedQuery(WorkspaceId workspace, string id);
}
