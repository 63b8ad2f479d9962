using AnalyticsCenter.Storage.Conformance.Tests.Abstract;
using AnalyticsCenter.TestKit;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.Conformance.Tests.DuckDb;

public sealed class WhatsAppStoreOnDuckDb() : WhatsAppStoreTests(new DuckDbStores())
{
    /// <summary>The file has one writer: the store closes while the count is read, then opens again.</summary>
    protected override async Task<long> StatusesKeptAsync(StoreUnderTest store)
    {
        var file = (TestStore)store;
        file.Store.Dispose();
        await using (var connection = new DuckDBConnection($"Data Source={file.DatabasePath}"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM ac.whatsapp_statuses";
            var scalar = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
            var count = Convert.ToInt64(scalar, System.Globalization.CultureInfo.InvariantCulture);
            await file.ReopenAsync();
            return count;
        }
    }
}
