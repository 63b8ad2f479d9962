using System.Data.Common;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>The kept rejections, streamed to the caller's reader. A NUL reads back as U+2400 (␀); raw_bytes keeps the exact line.</summary>
internal sealed class RejectionLog(NpgsqlDataSource source) : IRejectionLog
{
    public async Task<T> ReadRejectionsAsync<T>(WorkspaceId? workspace, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command("Rejections/Read.sql", ("ws", workspace?.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await read(reader);
    }
}
