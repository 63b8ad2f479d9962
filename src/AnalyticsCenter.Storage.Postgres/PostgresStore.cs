using System.Data.Common;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Ingestion;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.Core.Uploads;
using AnalyticsCenter.Core.WhatsApp;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// The store on a PostgreSQL database, shared by any number of processes: one data source (a pool of connections) and
/// small parts, one per role. It runs as an ordinary role that owns its database (never a superuser), creates and
/// upgrades its schema <c>analytics</c> on open, and keeps no state between calls that another process could contradict.
/// </summary>
public sealed class PostgresStore : IAnalyticsStore, IEmbedKeys, IBiAccess, ISignInKeyRing, IStoreDistribution, IConcurrentWrites, IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly PostgresEndpoint _endpoint;
    private readonly EventIngest _ingest;
    private readonly TableRefresh _refresh;
    private readonly WhatsAppStatusMatcher _matcher;
    private readonly WorkspaceSettings _settings;
    private readonly RejectionLog _rejections;
    private readonly AccessKeys _keys;
    private readonly WhatsAppLines _lines;
    private readonly SavedQueries _queries;
    private readonly TenantQueries _tenants;
    private readonly BiAccess _bi;
    private readonly RefreshClaims _claims;
    private readonly SignInKeyRing _signInKeys;
    private readonly WorkspaceUsers _users;
    private readonly ShareLinks _shares;
    private readonly EmbedKeys _embed;
    private readonly Subscriptions _subscriptions;
    private readonly Alerts _alerts;
    private readonly WorkspaceUploads _uploads;
    private readonly AuditLog _audit;

    private PostgresStore(NpgsqlDataSource source, PostgresEndpoint endpoint, PostgresStoreOptions options, TimeProvider time, int connections)
    {
        _source = source;
        MaxConcurrentWrites = connections;
        _endpoint = endpoint;
        Description = endpoint.Description;
        _ingest = new EventIngest(source, options, time);
        _refresh = new TableRefresh(source, options, time);
        _settings = new WorkspaceSettings(source, options, time);
        _matcher = new WhatsAppStatusMatcher(source, options, _settings, _ingest);
        _rejections = new RejectionLog(source);
        _keys = new AccessKeys(source, time);
        _lines = new WhatsAppLines(source, time);
        _queries = new SavedQueries(source, time);
        _tenants = new TenantQueries(source, options.TenantAccess, time);
        _bi = new BiAccess(source, options.TenantAccess, time);
        _claims = new RefreshClaims(source, time);
        _signInKeys = new SignInKeyRing(source, time);
        _users = new WorkspaceUsers(source, time);
        _shares = new ShareLinks(source, time);
        _embed = new EmbedKeys(source, time);
        _subscriptions = new Subscriptions(source, time);
        _alerts = new Alerts(source, time);
        _uploads = new WorkspaceUploads(source, time);
        _audit = new AuditLog(source, time, options.AuditRetention);
    }

    /// <summary>Which store this is, for <c>status</c>: <c>PostgreSQL user@host:port/database</c>, never the password.</summary>
    public string Description { get; }

    /// <summary>The data source's pool: each writing transaction holds one of its connections.</summary>
    public int MaxConcurrentWrites { get; }

    /// <summary>
    /// Opens the store on the database <paramref name="connectionString"/> (Npgsql's <c>Host=…;</c> form) names, creating
    /// or upgrading its schema.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The server cannot be reached, refuses the credentials, has no such
    /// database, the role lacks the rights the store needs, or the schema is newer than this program: one line naming host,
    /// port and database.</exception>
    public static async Task<PostgresStore> OpenAsync(string connectionString, PostgresStoreOptions options, TimeProvider time, CancellationToken ct)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        var endpoint = PostgresEndpoint.Of(settings);
        settings.Timeout = (int)Math.Ceiling(options.ConnectTimeout.TotalSeconds);
        settings.CommandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds);
        settings.Timezone = "UTC";
        settings.ApplicationName ??= "analytics";

        // Statements run often are prepared once per connection (the store's SQL is a fixed set).
        settings.MaxAutoPrepare = 64;
        settings.AutoPrepareMinUsages = 2;
        var source = builder.Build();
        try
        {
            await using (var connection = await source.OpenConnectionAsync(ct))
            {
                await SchemaMigrations.ApplyAsync(connection, ct);
            }

            return new PostgresStore(source, endpoint, options, time, settings.MaxPoolSize);
        }
        catch (Exception ex) when (ex is NpgsqlException or NewerSchemaException)
        {
            await source.DisposeAsync();
            throw endpoint.Unavailable(ex);
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    public Task<IngestReport> IngestAsync(Stream input, IngestOptions options, CancellationToken cancellationToken = default) =>
        Guard(() => _ingest.IngestAsync(input, options, cancellationToken));

    public PreparedInput Prepare(Stream input, IngestOptions options) => ParsedInput.Read(input, options);

    public Task<IReadOnlyList<IngestReport>> IngestTogetherAsync(IReadOnlyList<PreparedInput> inputs, CancellationToken cancellationToken = default) =>
        Guard(() => _ingest.IngestTogetherAsync(inputs, cancellationToken));

    public async Task<RefreshReport> RefreshAsync(DateTime asOfUtc, CancellationToken cancellationToken = default)
    {
        // Matching statuses to their deployments only turns them into stored events; no workspace's tables change by it.
        await Guard(() => _matcher.MatchAsync(null, asOfUtc, cancellationToken));
        return await Guard(() => _refresh.RefreshAsync(null, asOfUtc, cancellationToken));
    }

    public async Task<RefreshReport> RefreshAsync(WorkspaceId workspace, DateTime asOfUtc, CancellationToken cancellationToken = default)
    {
        await Guard(() => _matcher.MatchAsync(workspace, asOfUtc, cancellationToken));
        return await Guard(() => _refresh.RefreshAsync(workspace, asOfUtc, cancellationToken));
    }

    public Task SetInactivityTimeoutAsync(WorkspaceId workspace, InactivityTimeout timeout, CancellationToken cancellationToken = default) =>
        Guard(() => _settings.SetInactivityTimeoutAsync(workspace, timeout, cancellationToken));

    public Task SetTimeZoneAsync(WorkspaceId workspace, WorkspaceTimeZone zone, CancellationToken cancellationToken = default) =>
        Guard(() => _settings.SetTimeZoneAsync(workspace, zone, cancellationToken));

    public Task<WorkspaceTimeZone> GetTimeZoneAsync(WorkspaceId workspace, CancellationToken cancellationToken = default) =>
        Guard(() => _settings.GetTimeZoneAsync(workspace, cancellationToken));

    public Task<long> DataVersionAsync(WorkspaceId workspace, CancellationToken cancellationToken = default) =>
        Guard(() => _settings.DataVersionAsync(workspace, cancellationToken));

    public Task SetRetentionAsync(WorkspaceId workspace, RetentionPeriod? period, CancellationToken cancellationToken = default) =>
        Guard(() => _settings.SetRetentionAsync(workspace, period, cancellationToken));

    public Task<IReadOnlyDictionary<string, RetentionPeriod>> GetRetentionsAsync(CancellationToken cancellationToken = default) =>
        Guard(() => _settings.GetRetentionsAsync(cancellationToken));

    public Task<IReadOnlyList<WorkspaceStatus>> GetStatusAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default) =>
        Guard(() => _settings.GetStatusAsync(workspace, cancellationToken));

    public Task<T> ReadRejectionsAsync<T>(WorkspaceId? workspace, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken = default) =>
        Guard(() => _rejections.ReadRejectionsAsync(workspace, read, cancellationToken));

    public Task<CreatedApiKey> CreateKeyAsync(WorkspaceId workspace, string name, KeyScope scope, CancellationToken cancellationToken = default) =>
        Guard(() => _keys.CreateKeyAsync(workspace, name, scope, cancellationToken));

    public Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default) =>
        Guard(() => _keys.ListKeysAsync(workspace, cancellationToken));

    public Task<bool> RevokeKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        Guard(() => _keys.RevokeKeyAsync(keyId, cancellationToken));

    public Task<ApiKeyInfo?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken = default) =>
        Guard(() => _keys.AuthenticateAsync(presentedKey, cancellationToken));

    public Task SaveLineAsync(WhatsAppLine line, CancellationToken cancellationToken = default) =>
        Guard(() => _lines.SaveLineAsync(line, cancellationToken));

    public Task<bool> SaveLinkCodeAsync(string phoneNumberId, WhatsAppLinkCode code, CancellationToken cancellationToken = default) =>
        Guard(() => _lines.SaveLinkCodeAsync(phoneNumberId, code, cancellationToken));

    public Task<IReadOnlyList<WhatsAppLine>> ListLinesAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default) =>
        Guard(() => _lines.ListLinesAsync(workspace, cancellationToken));

    public Task KeepWebhookDeliveryAsync(
        IReadOnlyList<WhatsAppStatus> statuses, IReadOnlyList<WebhookRejection> rejections, string source, CancellationToken cancellationToken = default) =>
        Guard(() => _lines.KeepWebhookDeliveryAsync(statuses, rejections, source, cancellationToken));

    public Task<UploadInfo> UploadAsync(
        WorkspaceId workspace, UploadedTable table, UploadMode mode, UploadLimits limits, CancellationToken cancellationToken = default) =>
        Guard(() => _uploads.UploadAsync(workspace, table, mode, limits, cancellationToken));

    public Task<IReadOnlyList<UploadInfo>> ListUploadsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default) =>
        Guard(() => _uploads.ListUploadsAsync(workspace, cancellationToken));

    public Task<bool> DeleteUploadAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken = default) =>
        Guard(() => _uploads.DeleteUploadAsync(workspace, name, cancellationToken));

    public Task<IReadOnlyList<SavedQuery>> ListSavedQueriesAsync(WorkspaceId workspace, CancellationToken cancellationToken = default) =>
        Guard(() => _queries.ListSavedQueriesAsync(workspace, cancellationToken));

    public Task<SavedQuery> SaveQueryAsync(WorkspaceId workspace, string name, string sql, Actor by, CancellationToken cancellationToken = default) =>
        Guard(() => _queries.SaveQueryAsync(workspace, name, sql, by, cancellationToken));

    public Task<bool> DeleteSavedQueryAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken = default) =>
        Guard(() => _queries.DeleteSavedQueryAsync(workspace, id, cancellationToken));

    public Task<WorkspaceUser> AddUserAsync(WorkspaceId workspace, string email, WorkspaceRole role, CancellationToken cancellationToken = default) =>
        Guard(() => _users.AddUserAsync(workspace, email, role, cancellationToken));

    public Task<IReadOnlyList<WorkspaceUser>> ListUsersAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default) =>
        Guard(() => _users.ListUsersAsync(workspace, cancellationToken));

    public Task<WorkspaceUser?> FindUserAsync(string userId, CancellationToken cancellationToken = default) =>
        Guard(() => _users.FindUserAsync(userId, cancellationToken));

    public Task<StoredPassword?> FindPasswordAsync(string email, CancellationToken cancellationToken = default) =>
        Guard(() => _users.FindPasswordAsync(email, cancellationToken));

    public Task<bool> SetRoleAsync(WorkspaceId workspace, string userId, WorkspaceRole role, CancellationToken cancellationToken = default) =>
        Guard(() => _users.SetRoleAsync(workspace, userId, role, cancellationToken));

    public Task<bool> RemoveUserAsync(WorkspaceId workspace, string userId, CancellationToken cancellationToken = default) =>
        Guard(() => _users.RemoveUserAsync(workspace, userId, cancellationToken));

    public Task<IssuedPasswordLink> IssuePasswordLinkAsync(
        WorkspaceId workspace, string userId, PasswordLinkKind kind, TimeSpan lifetime, CancellationToken cancellationToken = default) =>
        Guard(() => _users.IssuePasswordLinkAsync(workspace, userId, kind, lifetime, cancellationToken));

    public Task<WorkspaceUser?> FindPasswordLinkAsync(string token, CancellationToken cancellationToken = default) =>
        Guard(() => _users.FindPasswordLinkAsync(token, cancellationToken));

    public Task<WorkspaceUser?> RedeemPasswordLinkAsync(string token, string passwordHash, CancellationToken cancellationToken = default) =>
        Guard(() => _users.RedeemPasswordLinkAsync(token, passwordHash, cancellationToken));

    public Task<CreatedShareLink> CreateShareLinkAsync(
        WorkspaceId workspace, string report, string filters, DateTime expiresAtUtc, CancellationToken cancellationToken = default) =>
        Guard(() => _shares.CreateShareLinkAsync(workspace, report, filters, expiresAtUtc, cancellationToken));

    public Task<IReadOnlyList<ShareLink>> ListShareLinksAsync(WorkspaceId workspace, CancellationToken cancellationToken = default) =>
        Guard(() => _shares.ListShareLinksAsync(workspace, cancellationToken));

    public Task<bool> RevokeShareLinkAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken = default) =>
        Guard(() => _shares.RevokeShareLinkAsync(workspace, id, cancellationToken));

    public Task<ShareLink?> FindShareLinkAsync(string token, CancellationToken cancellationToken = default) =>
        Guard(() => _shares.FindShareLinkAsync(token, cancellationToken));

    public Task<CreatedEmbedKey> AddEmbedKeyAsync(string host, WorkspaceId? workspace, CancellationToken cancellationToken = default) =>
        Guard(() => _embed.AddEmbedKeyAsync(host, workspace, cancellationToken));

    public Task<IReadOnlyList<EmbedKey>> ListEmbedKeysAsync(WorkspaceId? workspace, CancellationToken cancellationToken = default) =>
        Guard(() => _embed.ListEmbedKeysAsync(workspace, cancellationToken));

    public Task<bool> RevokeEmbedKeyAsync(string host, string keyId, WorkspaceId? workspace, CancellationToken cancellationToken = default) =>
        Guard(() => _embed.RevokeEmbedKeyAsync(host, keyId, workspace, cancellationToken));

    public Task<CreatedEmbedKey?> FindEmbedKeyAsync(string host, string keyId, CancellationToken cancellationToken = default) =>
        Guard(() => _embed.FindEmbedKeyAsync(host, keyId, cancellationToken));

    public Task<bool> UseEmbedTokenAsync(string host, string tokenId, DateTime keepUntilUtc, CancellationToken cancellationToken = default) =>
        Guard(() => _embed.UseEmbedTokenAsync(host, tokenId, keepUntilUtc, cancellationToken));

    public SqlDialect Dialect => _tenants.Dialect;

    public Task<T> QueryAsync<T>(
        WorkspaceId workspace, string sql, IReadOnlyDictionary<string, object?> parameters, Func<DbDataReader, Task<T>> read,
        CancellationToken cancellationToken = default) =>
        Guard(() => _tenants.QueryAsync(workspace, sql, parameters, read, cancellationToken));

    public Task<long> ExportParquetAsync(
        WorkspaceId workspace, string sql, IReadOnlyDictionary<string, object?> parameters, Stream destination, bool keepRowOrder = true,
        CancellationToken cancellationToken = default) =>
        Guard(() => _tenants.ExportParquetAsync(workspace, sql, parameters, destination, keepRowOrder, cancellationToken));

    public Task<BiAccessGrant> GrantBiAccessAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken = default) =>
        Guard(() => _bi.GrantBiAccessAsync(workspace, name, cancellationToken));

    public Task<IReadOnlyList<BiAccessInfo>> ListBiAccessAsync(CancellationToken cancellationToken = default) =>
        Guard(() => _bi.ListBiAccessAsync(cancellationToken));

    public Task<bool> RevokeBiAccessAsync(string name, CancellationToken cancellationToken = default) =>
        Guard(() => _bi.RevokeBiAccessAsync(name, cancellationToken));

    public Task<bool> TryClaimRefreshAsync(DateTime boundaryUtc, CancellationToken cancellationToken = default) =>
        Guard(() => _claims.TryClaimRefreshAsync(boundaryUtc, cancellationToken));

    public Task<IReadOnlyList<string>> ReadSignInKeysAsync(CancellationToken cancellationToken = default) =>
        Guard(() => _signInKeys.ReadSignInKeysAsync(cancellationToken));

    public Task StoreSignInKeyAsync(string name, string xml, CancellationToken cancellationToken = default) =>
        Guard(() => _signInKeys.StoreSignInKeyAsync(name, xml, cancellationToken));

    /// <inheritdoc/>
    /// <remarks>
    /// A store made on a Citus coordinator is distributed when it is created. Under the schema's lock: of two commands at
    /// once, the second waits and finds the store distributed.
    /// </remarks>
    public Task<bool> DistributeAsync(CancellationToken cancellationToken = default) => Guard(async () =>
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        return await SchemaMigrations.UnderLockAsync(connection, async () =>
        {
            switch (await CitusLayout.StateAsync(connection, cancellationToken))
            {
                case CitusState.Absent:
                    throw new InvalidOperationException(
                        $"{Description} is not a Citus coordinator: a superuser creates the extension there (CREATE EXTENSION citus) "
                        + "and adds the workers (SELECT citus_add_node(host, port)) first");
                case CitusState.Distributed:
                    return false;
                default:
                    await CitusLayout.DistributeAsync(connection, cancellationToken);
                    return true;
            }
        }, cancellationToken);
    });

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await _tenants.DisposeAsync();
        await _source.DisposeAsync();
    }

    /// <summary>A call that finds the database gone (unreachable, dropped, refusing the role) fails as opening would: one line.</summary>
    public Task<Subscription> AddSubscriptionAsync(NewSubscription subscription, CancellationToken cancellationToken = default) =>
        Guard(() => _subscriptions.AddSubscriptionAsync(subscription, cancellationToken));

    public Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default) =>
        Guard(() => _subscriptions.ListSubscriptionsAsync(workspace, cancellationToken));

    public Task<bool> RemoveSubscriptionAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken = default) =>
        Guard(() => _subscriptions.RemoveSubscriptionAsync(workspace, id, cancellationToken));

    public Task<Delivery?> TryClaimDeliveryAsync(
        Subscription subscription, DateTime slotUtc, string claimant, DateTime leaseUntilUtc, CancellationToken cancellationToken = default) =>
        Guard(() => _subscriptions.TryClaimDeliveryAsync(subscription, slotUtc, claimant, leaseUntilUtc, cancellationToken));

    public Task FinishDeliveryAsync(
        string subscriptionId, DateTime slotUtc, SendStatus status, string? reason, CancellationToken cancellationToken = default) =>
        Guard(() => _subscriptions.FinishDeliveryAsync(subscriptionId, slotUtc, status, reason, cancellationToken));

    public Task<IReadOnlyList<Delivery>> ListAbandonedDeliveriesAsync(DateTime nowUtc, CancellationToken cancellationToken = default) =>
        Guard(() => _subscriptions.ListAbandonedDeliveriesAsync(nowUtc, cancellationToken));

    public Task<IReadOnlyList<Delivery>> ListDeliveriesAsync(
        WorkspaceId workspace, string? subscriptionId, int limit, CancellationToken cancellationToken = default) =>
        Guard(() => _subscriptions.ListDeliveriesAsync(workspace, subscriptionId, limit, cancellationToken));

    public Task<Alert> AddAlertAsync(NewAlert alert, CancellationToken cancellationToken = default) =>
        Guard(() => _alerts.AddAlertAsync(alert, cancellationToken));

    public Task<IReadOnlyList<Alert>> ListAlertsAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default) =>
        Guard(() => _alerts.ListAlertsAsync(workspace, cancellationToken));

    public Task<bool> RemoveAlertAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken = default) =>
        Guard(() => _alerts.RemoveAlertAsync(workspace, id, cancellationToken));

    public Task<bool> TryRecordCheckAsync(
        Alert alert, DateTime asOfUtc, AlertState state, double? value, string claimant, DateTime leaseUntilUtc,
        CancellationToken cancellationToken = default) =>
        Guard(() => _alerts.TryRecordCheckAsync(alert, asOfUtc, state, value, claimant, leaseUntilUtc, cancellationToken));

    public Task<AlertTransition?> TryClaimTransitionAsync(
        string alertId, DateTime asOfUtc, string claimant, DateTime leaseUntilUtc, CancellationToken cancellationToken = default) =>
        Guard(() => _alerts.TryClaimTransitionAsync(alertId, asOfUtc, claimant, leaseUntilUtc, cancellationToken));

    public Task<IReadOnlyList<AlertTransition>> ListAbandonedTransitionsAsync(DateTime nowUtc, CancellationToken cancellationToken = default) =>
        Guard(() => _alerts.ListAbandonedTransitionsAsync(nowUtc, cancellationToken));

    public Task FinishTransitionAsync(string alertId, DateTime asOfUtc, SendStatus status, string? reason, CancellationToken cancellationToken = default) =>
        Guard(() => _alerts.FinishTransitionAsync(alertId, asOfUtc, status, reason, cancellationToken));

    public Task<IReadOnlyList<AlertTransition>> ListAlertHistoryAsync(
        WorkspaceId workspace, string? alertId, int limit, CancellationToken cancellationToken = default) =>
        Guard(() => _alerts.ListAlertHistoryAsync(workspace, alertId, limit, cancellationToken));

    public Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default) =>
        Guard(() => _audit.RecordAsync(record, cancellationToken));

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(
        WorkspaceId workspace, DateTime? sinceUtc, long? before, int limit, CancellationToken cancellationToken = default) =>
        Guard(() => _audit.ReadAuditAsync(workspace, sinceUtc, before, limit, cancellationToken));

    private async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (NpgsqlException ex) when (PostgresEndpoint.MeansUnavailable(ex))
        {
            throw _endpoint.Unavailable(ex);
        }
    }

    private async Task Guard(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (NpgsqlException ex) when (PostgresEndpoint.MeansUnavailable(ex))
        {
            throw _endpoint.Unavailable(ex);
        }
    }
}
