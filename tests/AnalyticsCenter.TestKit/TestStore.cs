using System.Data.Common;
using System.Text;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Storage.DuckDb;

namespace AnalyticsCenter.TestKit;

/// <summary>A real DuckDB store in a fresh temporary folder, removed afterwards.</summary>
public sealed class TestStore : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ac-test-").FullName;

    public TestStore(DuckDbStoreOptions? options = null, FixedTimeProvider? time = null)
    {
        Time = time ?? new FixedTimeProvider(new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero));
        Options = WithoutDefaultMemoryWatch(options ?? new DuckDbStoreOptions());
        Store = DuckDbStore.Open(DatabasePath, Options, Time);
    }

    /// <summary>
    /// The memory watch samples the whole process, and tests share theirs (one test's flood of queries could leave it
    /// large for the next test's store): a test store keeps the watch only where its test sets a limit of its own.
    /// </summary>
    private static DuckDbStoreOptions WithoutDefaultMemoryWatch(DuckDbStoreOptions options) =>
        options.ProcessMemoryLimit == new DuckDbStoreOptions().ProcessMemoryLimit ? options with { ProcessMemoryLimit = null } : options;

    public string DatabasePath => Path.Combine(_folder, "analytics.duckdb");

    public DuckDbStore Store { get; private set; }

    public DuckDbStoreOptions Options { get; }

    public FixedTimeProvider Time { get; }

    public Task<IngestReport> IngestAsync(params IEnumerable<string> lines) => IngestTextAsync(string.Join('\n', lines) + "\n");

    public Task<IngestReport> IngestTextAsync(string ndjson, string source = "test.ndjson") =>
        Store.IngestAsync(new MemoryStream(Encoding.UTF8.GetBytes(ndjson)), new IngestOptions { Source = source });

    public Task<RefreshReport> RefreshAsync(string asOf) => RefreshAsync(EventLines.Utc(asOf));

    public Task<RefreshReport> RefreshAsync(DateTime asOfUtc) => Store.RefreshAsync(asOfUtc);

    /// <summary>Closes and reopens the file, as a new process would.</summary>
    public void Reopen()
    {
        Store.Dispose();
        Store = DuckDbStore.Open(DatabasePath, Options, Time);
    }

    /// <summary>Runs tenant SQL and returns its rows as column → value maps (DBNull as null).</summary>
    public Task<IReadOnlyList<Dictionary<string, object?>>> RowsAsync(string sql, string workspace = "acme") =>
        Store.QueryAsync(WorkspaceId.Parse(workspace), sql, ReadAll);

    public static Task<IReadOnlyList<Dictionary<string, object?>>> ReadAll(DbDataReader reader)
    {
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return Task.FromResult<IReadOnlyList<Dictionary<string, object?>>>(rows);
    }

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
