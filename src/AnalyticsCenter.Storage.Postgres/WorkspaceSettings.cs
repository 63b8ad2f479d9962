using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>Each workspace's settings (<c>analytics.workspaces</c>) and state.</summary>
internal sealed class WorkspaceSettings(NpgsqlDataSource source, PostgresStoreOptions options, TimeProvider time) : IWorkspaceSettings
{
    public async Task SetInactivityTimeoutAsync(WorkspaceId workspace, InactivityTimeout timeout, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("Workspaces/SetInactivityTimeout.sql", cancellationToken,
            ("ws", workspace.Value), ("timeout_us", timeout.Micros), ("now", Now()));
    }

    public async Task SetTimeZoneAsync(WorkspaceId workspace, WorkspaceTimeZone zone, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        if (!await connection.ScalarAsync<bool>("Workspaces/KnowsTimeZone.sql", cancellationToken, ("tz", zone.Id)))
        {
            throw new ArgumentException($"PostgreSQL does not know the time zone \"{zone.Id}\"", nameof(zone));
        }

        await connection.ExecuteAsync("Workspaces/SetTimeZone.sql", cancellationToken,
            ("ws", workspace.Value), ("default_timeout_us", InactivityTimeout.Default.Micros), ("now", Now()), ("tz", zone.Id));
    }

    public async Task SetRetentionAsync(WorkspaceId workspace, RetentionPeriod? period, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("Workspaces/SetRetention.sql", cancellationToken,
            ("ws", workspace.Value), ("default_timeout_us", InactivityTimeout.Default.Micros), ("now", Now()), ("retention_us", period?.Micros));
    }

    public async Task<IReadOnlyDictionary<string, RetentionPeriod>> GetRetentionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command("Workspaces/Retentions.sql");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadRetentionsAsync(reader, cancellationToken);
    }

    /// <summary>The rows of <c>Workspaces/Retentions.sql</c>, where <paramref name="reader"/> stands.</summary>
    public static async Task<IReadOnlyDictionary<string, RetentionPeriod>> ReadRetentionsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var retentions = new Dictionary<string, RetentionPeriod>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            retentions[reader.GetString(0)] = RetentionPeriod.Of(TimeSpan.FromTicks(reader.GetInt64(1) * TimeSpan.TicksPerMicrosecond));
        }

        return retentions;
    }

    public async Task<WorkspaceTimeZone> GetTimeZoneAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        return WorkspaceTimeZone.FromStored(await connection.ScalarAsync<string?>("Workspaces/TimeZone.sql", cancellationToken, ("ws", workspace.Value)));
    }

    public async Task<long> DataVersionAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        return await connection.ScalarAsync<long>("Workspaces/DataVersion.sql", cancellationToken, ("ws", workspace.Value));
    }

    public async Task<IReadOnlyList<WorkspaceStatus>> GetStatusAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command("Workspaces/Status.sql", ("ws", workspace?.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new WorkspaceStatusReader(reader, options.Retention);
        var statuses = new List<WorkspaceStatus>();
        while (await reader.ReadAsync(cancellationToken))
        {
            statuses.Add(rows.Current());
        }

        return statuses;
    }

    private DateTime Now() => StoredTime.Now(time);
}
