using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>Parquet exports: a tenant query's rows as one file, within the same sandbox as every query.</summary>
public sealed class ParquetExportTests : IAsyncLifetime
{
    private static readonly Dictionary<string, object?> s_none = [];
    private readonly TestStore _store = new();
    private readonly string _exported = Path.Combine(Path.GetTempPath(), $"ac-export-{Guid.NewGuid():N}.parquet");

    public async ValueTask InitializeAsync()
    {
        var acme = new EventLines("acme");
        var acmeOther = new EventLines("acme", phone: "14155552671");
        var globex = new EventLines("globex", phone: "593991234567");
        await _store.IngestAsync(
            acme.Inbound("10:00:00", "first"), acme.Inbound("12:00:00", "second"), acmeOther.Inbound("12:30:00", "third"),
            globex.Inbound("10:00:00", "globex secret"));
        await _store.RefreshAsync("18:00:00");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<long> Export(string sql, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        await using var file = File.Create(_exported);
        return await _store.Store.ExportParquetAsync(WorkspaceId.Parse("acme"), sql, parameters ?? s_none, file, cancellationToken: Ct);
    }

    private List<(string Message, DateTime Started)> ReadExported()
    {
        using var reader = new DuckDBConnection("Data Source=:memory:");
        reader.Open();
        using var command = reader.CreateCommand();
        command.CommandText = $"SELECT first_message, session_started_timestamp FROM read_parquet('{_exported}') ORDER BY 2";
        using var rows = command.ExecuteReader();
        var read = new List<(string, DateTime)>();
        while (rows.Read())
        {
            read.Add((rows.GetString(0), rows.GetDateTime(1)));
        }

        return read;
    }

    [Fact]
    public async Task A_parquet_export_holds_exactly_the_rows_the_query_returns_with_their_types()
    {
        var written = await Export("SELECT * FROM sessions WHERE user_country_code = $country; -- a trailing comment",
            new Dictionary<string, object?> { ["country"] = "+57" });

        Assert.Equal(2, written);
        Assert.Equal(
            [("first", EventLines.Utc("10:00:00")), ("second", EventLines.Utc("12:00:00"))],
            ReadExported());
    }

    [Fact]
    public async Task An_export_sees_only_its_workspace_and_leaves_no_file_behind()
    {
        Assert.Equal(3, await Export("SELECT * FROM sessions"));

        Assert.DoesNotContain(ReadExported(), row => row.Message == "globex secret");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_store.DatabasePath + ".exports"));
    }

    [Theory]
    [InlineData("COPY (SELECT * FROM sessions) TO 'x.parquet'")]
    [InlineData("SELECT * FROM read_parquet('*.parquet')")]
    [InlineData("SELECT * FROM events")]
    public async Task What_a_query_may_not_do_an_export_may_not_either(string sql)
    {
        await Assert.ThrowsAsync<QueryRefusedException>(() => Export(sql));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_store.DatabasePath + ".exports"));
    }

    public ValueTask DisposeAsync()
    {
        _store.Dispose();
        File.Delete(_exported);
        return ValueTask.CompletedTask;
    }
}
