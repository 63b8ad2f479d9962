using System.Text;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>
/// The file a store is written in: a new store keeps the events' details in zstd; one created before, with FSST details in
/// DuckDB's default file format, keeps its column and works as it did.
/// </summary>
public sealed class StoreFormatTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("ac-format-").FullName;
    private readonly EventLines _ana = new(phone: "573001234567");

    [Fact]
    public async Task A_new_store_keeps_the_events_details_in_zstd()
    {
        var path = Path.Combine(_folder, "new.duckdb");

        var firstMessage = await IngestRefreshAndReadFirstMessageAsync(path);

        Assert.Equal("hola, ¿tienen envíos?", firstMessage);
        Assert.Equal(["ZSTD"], DetailsCompression(path));
    }

    [Fact]
    public async Task A_store_created_with_FSST_details_in_DuckDBs_default_format_ingests_refreshes_and_answers_as_before()
    {
        var path = Path.Combine(_folder, "before.duckdb");
        using (var before = new DuckDBConnection($"Data Source={path}"))
        {
            before.Open();
            before.Execute(SqlScripts.Get("Schema.sql").Replace("USING COMPRESSION zstd", "USING COMPRESSION fsst", StringComparison.Ordinal));
            before.Execute(SqlScripts.Get("WhatsApp/Schema.sql"));
        }

        var firstMessage = await IngestRefreshAndReadFirstMessageAsync(path);

        Assert.Equal("hola, ¿tienen envíos?", firstMessage);
        Assert.Equal(["FSST"], DetailsCompression(path));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string?> IngestRefreshAndReadFirstMessageAsync(string path)
    {
        using var store = DuckDbStore.Open(path);
        var lines = string.Join('\n', _ana.Inbound("09:00:00", "hola, ¿tienen envíos?"), _ana.Node("09:00:05", "n_menu")) + "\n";
        await store.IngestAsync(new MemoryStream(Encoding.UTF8.GetBytes(lines)), new IngestOptions { Source = "test.ndjson" }, Ct);
        await store.RefreshAsync(EventLines.Utc("12:00:00"), Ct);
        var rows = await store.QueryAsync(WorkspaceId.Parse("acme"), "SELECT first_message FROM sessions", TestStore.ReadAll, Ct);
        return (string?)Assert.Single(rows)["first_message"];
    }

    /// <summary>How the details column is compressed, read once the store is closed.</summary>
    private static string[] DetailsCompression(string path)
    {
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.Prepare(
            "SELECT DISTINCT compression FROM pragma_storage_info('ac.events') WHERE column_name = 'details' AND segment_type = 'VARCHAR'");
        using var reader = command.ExecuteReader();
        var compressions = new List<string>();
        while (reader.Read())
        {
            compressions.Add(reader.GetString(0));
        }

        return [.. compressions];
    }
}
