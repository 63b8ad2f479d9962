using System.Data.Common;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>Saved queries in <c>ac.saved_queries</c>, always within one workspace, on the connection the store hands it.</summary>
internal sealed class SavedQueryRepository(DuckDBConnection connection, TimeProvider time)
{
    public IReadOnlyList<SavedQuery> List(WorkspaceId workspace)
    {
        using var command = connection.Prepare(SqlScripts.Get("SavedQueries/List.sql"), ("ws", workspace.Value));
        using var reader = command.ExecuteReader();
        var queries = new List<SavedQuery>();
        while (reader.Read())
        {
            queries.Add(Read(reader));
        }

        return queries;
    }

    public SavedQuery Save(WorkspaceId workspace, string name, string sql, Actor by)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > SavedQuery.MaxNameLength)
        {
            throw new ArgumentException($"a saved query needs a name of 1 to {SavedQuery.MaxNameLength} characters", nameof(name));
        }

        if (string.IsNullOrWhiteSpace(sql) || sql.Length > SavedQuery.MaxSqlLength)
        {
            throw new ArgumentException($"a saved query needs SQL of 1 to {SavedQuery.MaxSqlLength:N0} characters", nameof(sql));
        }

        var now = time.GetUtcNow().UtcDateTime;
        using var command = connection.Prepare(SqlScripts.Get("SavedQueries/Save.sql"),
            ("id", RandomIds.NewId()), ("ws", workspace.Value), ("name", name.Trim()), ("sql", sql),
            ("now", new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc)), ("by", by.ToStored()));
        using var reader = command.ExecuteReader();
        reader.Read();
        return Read(reader);
    }

    public bool Delete(WorkspaceId workspace, string id) =>
        connection.Execute(SqlScripts.Get("SavedQueries/Delete.sql"), ("id", id), ("ws", workspace.Value)) == 1;

    private static SavedQuery Read(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.Utc(3),
            Actor.FromStored(reader.IsDBNull(4) ? null : reader.GetString(4)), Actor.FromStored(reader.IsDBNull(5) ? null : reader.GetString(5)));
}
