using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>Saved queries in <c>analytics.saved_queries</c>, always within one workspace.</summary>
internal sealed class SavedQueries(NpgsqlDataSource source, TimeProvider time) : ISavedQueries
{
    public async Task<IReadOnlyList<SavedQuery>> ListSavedQueriesAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command("SavedQueries/List.sql", ("ws", workspace.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var queries = new List<SavedQuery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            queries.Add(Read(reader));
        }

        return queries;
    }

    public async Task<SavedQuery> SaveQueryAsync(WorkspaceId workspace, string name, string sql, Actor by, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > SavedQuery.MaxNameLength)
        {
            throw new ArgumentException($"a saved query needs a name of 1 to {SavedQuery.MaxNameLength} characters", nameof(name));
        }

        if (string.IsNullOrWhiteSpace(sql) || sql.Length > SavedQuery.MaxSqlLength)
        {
            throw new ArgumentException($"a saved query needs SQL of 1 to {SavedQuery.MaxSqlLength:N0} characters", nameof(sql));
        }

        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command("SavedQueries/Save.sql",
            ("id", RandomIds.NewId()), ("ws", workspace.Value), ("name", name.Trim()),
            ("sql", StoredText.Show(sql)), ("now", StoredTime.Now(time)), ("by", by.ToStored()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Read(reader);
    }

    public async Task<bool> DeleteSavedQueryAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync("SavedQueries/Delete.sql", cancellationToken, ("id", id), ("ws", workspace.Value)) == 1;
    }

    private static SavedQuery Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.Utc(3),
        Actor.FromStored(reader.IsDBNull(4) ? null : reader.GetString(4)), Actor.FromStored(reader.IsDBNull(5) ? null : reader.GetString(5)));
}
