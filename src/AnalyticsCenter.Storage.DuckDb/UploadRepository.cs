using System.Data.Common;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Uploads;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// A workspace's uploaded tables: a catalog row in <c>ac.uploads</c> and the values in <c>ac.upload_{id}</c>, typed. A
/// table of its own per upload keeps each upload's columns typed and its scans its own; tenant queries see it through
/// a temp view of its name (<see cref="Views"/>), as they see sessions.
/// </summary>
internal sealed class UploadRepository(DuckDBConnection connection, TimeProvider time)
{
    public IReadOnlyList<UploadInfo> List(WorkspaceId workspace) => [.. Stored(workspace).Select(s => s.Info)];

    /// <summary>Stores the table in one transaction: all of it, or nothing.</summary>
    public UploadInfo Upload(WorkspaceId workspace, UploadedTable table, UploadMode mode, UploadLimits limits)
    {
        using var transaction = connection.BeginTransaction();
        var existing = Stored(workspace).FirstOrDefault(s => s.Info.Name == table.Name);
        long otherTables, otherBytes;
        using (var usage = connection.Prepare(SqlScripts.Get("Uploads/Usage.sql"), ("ws", workspace.Value), ("name", table.Name)))
        using (var reader = usage.ExecuteReader())
        {
            reader.Read();
            (otherTables, otherBytes) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var (rows, bytes) = UploadRules.Check(table, mode, existing?.Info, otherTables, otherBytes, limits);
        var tableId = existing?.TableId ?? 0;
        if (mode != UploadMode.Append)
        {
            if (existing is not null)
            {
                connection.Execute($"DROP TABLE ac.upload_{existing.TableId}");
            }

            tableId = connection.Scalar<long>(SqlScripts.Get("Uploads/NextId.sql"));
            var columns = string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\" {SqlType(c.Type)}"));
            connection.Execute($"CREATE TABLE ac.upload_{tableId} ({columns})");
        }

        using (var appender = connection.CreateAppender("ac", $"upload_{tableId}"))
        {
            foreach (var values in table.Rows)
            {
                var row = appender.CreateRow();
                foreach (var value in values)
                {
                    _ = value switch
                    {
                        null => row.AppendNullValue(),
                        string text => row.AppendValue(text),
                        long whole => row.AppendValue(whole),
                        decimal exact => row.AppendValue(exact),
                        DateOnly date => row.AppendValue(date),
                        DateTime stamp => row.AppendValue(stamp),
                        bool flag => row.AppendValue(flag),
                        _ => throw new ArgumentException($"an upload value of type {value.GetType().Name}", nameof(table)),
                    };
                }

                row.EndRow();
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        connection.Execute(SqlScripts.Get("Uploads/Save.sql"),
            ("ws", workspace.Value), ("name", table.Name), ("table_id", tableId), ("columns", UploadColumnTypes.Describe(table.Columns)),
            ("row_count", rows), ("bytes", bytes), ("now", now));
        connection.Execute(SqlScripts.Get("Workspaces/RaiseDataVersion.sql"), ("ws", workspace.Value));
        transaction.Commit();
        return new UploadInfo(table.Name, table.Columns, rows, bytes, now);
    }

    public bool Delete(WorkspaceId workspace, string name)
    {
        using var transaction = connection.BeginTransaction();
        if (Stored(workspace).FirstOrDefault(s => s.Info.Name == name) is not { } existing)
        {
            return false;
        }

        connection.Execute($"DROP TABLE ac.upload_{existing.TableId}");
        connection.Execute(SqlScripts.Get("Uploads/Delete.sql"), ("ws", workspace.Value), ("name", name));
        connection.Execute(SqlScripts.Get("Workspaces/RaiseDataVersion.sql"), ("ws", workspace.Value));
        transaction.Commit();
        return true;
    }

    /// <summary>The temp views a tenant query of <paramref name="workspace"/> reads its uploads through, and their names.</summary>
    public (IReadOnlySet<string> Names, string Sql) Views(WorkspaceId workspace)
    {
        var stored = Stored(workspace);
        var sql = string.Concat(stored.Select(s =>
            $"CREATE OR REPLACE TEMP VIEW {s.Info.Name} AS SELECT {string.Join(", ", s.Info.Columns.Select(c => $"\"{c.Name}\""))} "
            + $"FROM ac.upload_{s.TableId};\n"));
        return (stored.Select(s => s.Info.Name).ToHashSet(StringComparer.OrdinalIgnoreCase), sql);
    }

    private List<StoredUpload> Stored(WorkspaceId workspace)
    {
        using var command = connection.Prepare(SqlScripts.Get("Uploads/List.sql"), ("ws", workspace.Value));
        using var reader = command.ExecuteReader();
        var stored = new List<StoredUpload>();
        while (reader.Read())
        {
            stored.Add(Read(reader));
        }

        return stored;
    }

    private static StoredUpload Read(DbDataReader reader) =>
        new(reader.GetInt64(1), new UploadInfo(
            reader.GetString(0), UploadColumnTypes.ReadDescription(reader.GetString(2)), reader.GetInt64(3), reader.GetInt64(4),
            reader.Utc(5)));

    /// <summary>DuckDB's type for a column: timestamps with a zone are kept as UTC without one, as sessions' are.</summary>
    private static string SqlType(UploadColumnType type) => type switch
    {
        UploadColumnType.WholeNumber => "BIGINT",
        UploadColumnType.ExactNumber => "DECIMAL(38,12)",
        UploadColumnType.Date => "DATE",
        UploadColumnType.Timestamp or UploadColumnType.TimestampTz => "TIMESTAMP",
        UploadColumnType.Boolean => "BOOLEAN",
        _ => "VARCHAR",
    };
}
