using System.Data.Common;
using System.Text;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using Xunit;

namespace AnalyticsCenter.TestKit;

/// <summary>
/// A real store of either kind, fresh for one test, with a clock the test sets: what the conformance suite runs against.
/// Everything here goes through the store's roles, and rows are read through its tenant path, as a tenant sees them.
/// </summary>
public abstract class StoreUnderTest : IAsyncDisposable
{
    protected StoreUnderTest(FixedTimeProvider? time) =>
        Time = time ?? new FixedTimeProvider(new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero));

    public abstract IAnalyticsStore Store { get; }

    public FixedTimeProvider Time { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<IngestReport> IngestAsync(params IEnumerable<string> lines) => IngestTextAsync(string.Join('\n', lines) + "\n");

    public Task<IngestReport> IngestTextAsync(string ndjson, string source = "test.ndjson") =>
        Store.IngestAsync(new MemoryStream(Encoding.UTF8.GetBytes(ndjson)), new IngestOptions { Source = source }, Ct);

    public Task<RefreshReport> RefreshAsync(string asOf) => RefreshAsync(EventLines.Utc(asOf));

    public Task<RefreshReport> RefreshAsync(DateTime asOfUtc) => Store.RefreshAsync(asOfUtc, Ct);

    /// <summary>Closes the store and opens it again on the same database, as a new process would.</summary>
    public abstract Task ReopenAsync();

    /// <summary>Runs tenant SQL and returns its rows as column → value maps (DBNull as null).</summary>
    public Task<IReadOnlyList<Dictionary<string, object?>>> RowsAsync(string sql, string workspace = "acme") =>
        Store.QueryAsync(WorkspaceId.Parse(workspace), sql, ReadAll, Ct);

    /// <summary>The kept rejections of every workspace, newest first, as their line number, reason and raw text.</summary>
    public Task<List<(long? Line, string Reason, string? Raw)>> RejectionsAsync() =>
        Store.ReadRejectionsAsync(null, async reader =>
        {
            var rows = new List<(long?, string, string?)>();
            var (line, reason, raw) = (reader.GetOrdinal("line_number"), reader.GetOrdinal("reason"), reader.GetOrdinal("raw"));
            while (await reader.ReadAsync(Ct))
            {
                rows.Add((reader.IsDBNull(line) ? null : reader.GetInt64(line), reader.GetString(reason), reader.IsDBNull(raw) ? null : reader.GetString(raw)));
            }

            return rows;
        }, Ct);

    public static async Task<IReadOnlyList<Dictionary<string, object?>>> ReadAll(DbDataReader reader)
    {
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public abstract ValueTask DisposeAsync();
}
