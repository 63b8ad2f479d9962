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

    public IngestReport Ingest(params IEnumerable<string> lines) => IngestText(string.Join('\n', lines) + "\n");

    public IngestReport IngestText(string ndjson, string source = "test.ndjson") =>
        Store.Ingest(new MemoryStream(Encoding.UTF8.GetBytes(ndjson)), source);

    public RefreshReport Refresh(string asOf) => Refresh(EventLines.Utc(asOf));

    public RefreshReport Refresh(DateTime asOfUtc) => Store.Refresh(asOfUtc);

    /// <summary>Closes and reopens the file, as a new process would.</summary>
    public void Reopen()
    {
        Store.Dispose();
        Store = DuckDbStore.Open(DatabasePath, Options, Time);
    }

    /// <summary>Runs tenant SQL and returns its rows as column → value maps (DBNull as null).</summary>
    public IReadOnlyList<Dictionary<string, object?>> Rows(string sql, string workspace = "acme") =>
        Store.QueryAsync(WorkspaceId.Parse(workspace), sql, ReadAll).GetAwaiter().GetResult();

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
