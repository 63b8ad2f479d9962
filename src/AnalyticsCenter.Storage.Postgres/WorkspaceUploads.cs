using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Uploads;
using Npgsql;
using NpgsqlTypes;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// Uploaded tables in the generic layout of <c>Migrations/014_uploads.sql</c>: a catalog row, the values as canonical text
/// (binary COPY), and views per role that read them typed. Every change is one transaction, views included.
/// </summary>
internal sealed class WorkspaceUploads(NpgsqlDataSource source, TimeProvider time) : IWorkspaceUploads
{
    public async Task<UploadInfo> UploadAsync(
        WorkspaceId workspace, UploadedTable table, UploadMode mode, UploadLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("Uploads/Lock.sql", cancellationToken, ("ws", workspace.Value));
        var stored = await ListAsync(connection, workspace, cancellationToken);
        var existing = stored.FirstOrDefault(u => u.Name == table.Name);
        var others = stored.Where(u => u.Name != table.Name).ToList();
        var (rows, bytes) = UploadRules.Check(table, mode, existing, others.Count, others.Sum(u => u.Bytes), limits);
        if (mode != UploadMode.Append)
        {
            await connection.ExecuteAsync("Uploads/DeleteRows.sql", cancellationToken, ("ws", workspace.Value), ("name", table.Name));
        }

        await using (var copy = await connection.BeginBinaryImportAsync(SqlScripts.Get("Uploads/CopyRows.sql"), cancellationToken))
        {
            foreach (var values in table.Rows)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(workspace.Value, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(table.Name, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(
                    values.Select(v => v is string text ? StoredText.Show(text) : UploadValueText.Of(v)).ToArray(),
                    NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var now = StoredTime.Now(time);
        await connection.ExecuteAsync("Uploads/Save.sql", cancellationToken,
            ("ws", workspace.Value), ("name", table.Name), ("columns", UploadColumnTypes.Describe(table.Columns)), ("row_count", rows),
            ("bytes", bytes), ("now", now));
        await OpenViewsAsync(connection, workspace, cancellationToken);
        await connection.ExecuteAsync("Workspaces/RaiseDataVersion.sql", cancellationToken, ("ws", workspace.Value));
        await transaction.CommitAsync(cancellationToken);
        return new UploadInfo(table.Name, table.Columns, rows, bytes, now);
    }

    public async Task<IReadOnlyList<UploadInfo>> ListUploadsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        return await ListAsync(connection, workspace, cancellationToken);
    }

    public async Task<bool> DeleteUploadAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("Uploads/Lock.sql", cancellationToken, ("ws", workspace.Value));
        if (await connection.ExecuteAsync("Uploads/Delete.sql", cancellationToken, ("ws", workspace.Value), ("name", name)) == 0)
        {
            return false;
        }

        await connection.ExecuteAsync("Uploads/DeleteRows.sql", cancellationToken, ("ws", workspace.Value), ("name", name));
        await OpenViewsAsync(connection, workspace, cancellationToken);
        await connection.ExecuteAsync("Workspaces/RaiseDataVersion.sql", cancellationToken, ("ws", workspace.Value));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The names of the workspace's uploads, which its tenant SQL may read besides the two tables.</summary>
    public async Task<IReadOnlySet<string>> NamesAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command("Uploads/Names.sql", ("ws", workspace.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Makes the views of every role of the workspace anew, in the caller's transaction.</summary>
    private static async Task OpenViewsAsync(NpgsqlConnection connection, WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var roles = new List<string>();
        await using (var command = connection.Command("Uploads/Roles.sql", ("ws", workspace.Value)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                roles.Add(reader.GetString(0));
            }
        }

        foreach (var role in roles)
        {
            await connection.ExecuteAsync("Uploads/OpenViews.sql", cancellationToken, ("role", role), ("ws", workspace.Value));
        }
    }

    private static async Task<List<UploadInfo>> ListAsync(NpgsqlConnection connection, WorkspaceId workspace, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("Uploads/List.sql", ("ws", workspace.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var uploads = new List<UploadInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            uploads.Add(new UploadInfo(
                reader.GetString(0), UploadColumnTypes.ReadDescription(reader.GetString(1)), reader.GetInt64(2), reader.GetInt64(3), reader.Utc(4)));
        }

        return uploads;
    }
}
