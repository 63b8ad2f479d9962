using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.DuckDb;

public sealed class ParquetExportOnDuckDb() : ParquetExportTests(new DuckDbStores())
{
    /// <summary>DuckDB writes an export to a private folder beside the database file, then streams it out.</summary>
    protected override IEnumerable<string> ExportLeftovers(StoreUnderTest store) =>
        Directory.EnumerateFileSystemEntries(((TestStore)store).DatabasePath + ".exports");

    /// <summary>DuckDB has functions that read files (PostgreSQL has no <c>read_parquet</c> at all): an export refuses them as a query does.</summary>
    [Fact]
    public async Task An_export_that_reads_files_is_refused_and_leaves_no_file_behind()
    {
        await using var file = new MemoryStream();
        await Assert.ThrowsAsync<QueryRefusedException>(() => Db.Store.ExportParquetAsync(
            WorkspaceId.Parse("acme"), "SELECT * FROM read_parquet('*.parquet')", new Dictionary<string, object?>(), file, cancellationToken: Ct));
        Assert.Empty(ExportLeftovers(Db));
    }
}
