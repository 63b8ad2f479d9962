using System.Globalization;
using System.Text;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Demo;
using AnalyticsCenter.Query;
using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Conformance.Tests;

/// <summary>
/// A generated month of demo data, ingested and refreshed by both stores, gives the same sessions and deployments, the
/// same numbers in every ready report and the same exports, each read through the store's own tenant path.
/// </summary>
public sealed class SameResultsOnBothStoresTests(PostgreSqlStores postgres) : IClassFixture<PostgreSqlStores>
{
    private static readonly DateTimeOffset s_end = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, object?> s_none = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Values every report is also run with (each takes those it knows): a local time zone, a window inside the month, other groupings.</summary>
    private static readonly Dictionary<string, object?> s_filtered = new()
    {
        ["tz"] = "America/Bogota",
        ["from"] = s_end.UtcDateTime.AddDays(-20),
        ["to"] = s_end.UtcDateTime.AddDays(-3),
        ["grain"] = "week",
        ["by"] = "country",
    };

    [Fact]
    public async Task A_generated_month_gives_the_same_rows_reports_and_exports_on_both_stores()
    {
        using var file = new MemoryStream();
        var summary = new DemoEventGenerator(new DemoOptions { Events = 40_000, End = s_end, Workspaces = 3 }).Write(file);
        await using var duck = await new DuckDbStores().CreateAsync();
        await using var pg = await postgres.CreateAsync();
        foreach (var store in new[] { duck, pg })
        {
            file.Position = 0;
            await store.Store.IngestAsync(file, new IngestOptions { Source = "demo.ndjson" }, Ct);
            await store.RefreshAsync(s_end.UtcDateTime);
        }

        Assert.Equal(3, summary.WorkspaceIds.Count);
        foreach (var workspace in summary.WorkspaceIds.Select(WorkspaceId.Parse))
        {
            foreach (var (table, key) in new[] { ("sessions", "session_id"), ("deployments", "deployment_id") })
            {
                var sql = $"SELECT * FROM {table} ORDER BY {key}";
                var rows = await CsvAsync(duck, workspace, sql, s_none);
                Assert.True(rows.Count(c => c == '\n') > 100, $"{workspace} has too few {table} to compare");
                Assert.Equal(rows, await CsvAsync(pg, workspace, sql, s_none));
                Assert.Equal(await ParquetAsync(duck, workspace, $"SELECT * FROM {table}"), await ParquetAsync(pg, workspace, $"SELECT * FROM {table}"));
            }

            foreach (var report in ReadyReport.All)
            {
                foreach (var values in new[] { s_none, s_filtered })
                {
                    var expected = await CsvAsync(duck, workspace, report.Sql(duck.Store.Dialect), report.Bind(values));
                    Assert.True(expected.Contains('\n', StringComparison.Ordinal), $"{report} for {workspace} has no header");
                    Assert.Equal(expected, await CsvAsync(pg, workspace, report.Sql(pg.Store.Dialect), report.Bind(values)));
                }
            }
        }
    }

    /// <summary>The result as the CLI and API write CSV, header included.</summary>
    private static Task<string> CsvAsync(StoreUnderTest store, WorkspaceId workspace, string sql, IReadOnlyDictionary<string, object?> parameters) =>
        store.Store.QueryAsync(workspace, sql, parameters, async reader =>
        {
            using var output = new MemoryStream();
            await ResultWriter.WriteAsync(reader, ResultFormat.Csv, output, null, Ct);
            return Encoding.UTF8.GetString(output.ToArray());
        }, Ct);

    /// <summary>The exported Parquet file's rows, each as its column names and values in words, sorted (a table export has no order).</summary>
    private static async Task<List<string>> ParquetAsync(StoreUnderTest store, WorkspaceId workspace, string sql)
    {
        using var file = new MemoryStream();
        var written = await store.Store.ExportParquetAsync(workspace, sql, s_none, file, keepRowOrder: false, Ct);
        file.Position = 0;
        var rows = (await ParquetRows.ReadAsync(file)).Select(row => string.Join('|', row.Select(cell => $"{cell.Key}={Text(cell.Value)}"))).ToList();
        Assert.Equal(written, rows.Count);
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Text(object? value) => value switch
    {
        null => "NULL",
        DateTime at => at.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "NULL",
    };
}
