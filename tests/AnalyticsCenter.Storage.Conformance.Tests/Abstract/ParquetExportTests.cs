using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>Parquet exports: a tenant query's rows as one file, within the same sandbox as every query.</summary>
public abstract class ParquetExportTests(IStoreFactory stores) : StoreTests(stores)
{
    private static readonly Dictionary<string, object?> s_none = [];
    private readonly string _exported = Path.Combine(Path.GetTempPath(), $"ac-export-{Guid.NewGuid():N}.parquet");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var acme = new EventLines("acme");
        var acmeOther = new EventLines("acme", phone: "14155552671");
        var globex = new EventLines("globex", phone: "593991234567");
        await Db.IngestAsync(
            acme.Inbound("10:00:00", "first"), acme.Inbound("12:00:00", "second"), acmeOther.Inbound("12:30:00", "third"),
            globex.Inbound("10:00:00", "globex secret"));
        await Db.RefreshAsync("18:00:00");
    }

    private async Task<long> Export(string sql, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        await using var file = File.Create(_exported);
        return await Db.Store.ExportParquetAsync(WorkspaceId.Parse("acme"), sql, parameters ?? s_none, file, cancellationToken: Ct);
    }

    /// <summary>The files a store's exports leave behind, where it writes any: none, once an export is done.</summary>
    protected virtual IEnumerable<string> ExportLeftovers(StoreUnderTest store) => [];

    private async Task<List<(string Message, DateTime Started)>> ReadExportedAsync()
    {
        await using var file = File.OpenRead(_exported);
        return [.. (await ParquetRows.ReadAsync(file))
            .Select(row => ((string)row["first_message"]!, (DateTime)row["session_started_timestamp"]!))
            .OrderBy(row => row.Item2)];
    }

    public override async ValueTask DisposeAsync()
    {
        File.Delete(_exported);
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_parquet_export_holds_exactly_the_rows_the_query_returns_with_their_types()
    {
        var written = await Export($"SELECT * FROM sessions WHERE user_country_code = {Parameter("country")}; -- a trailing comment",
            new Dictionary<string, object?> { ["country"] = "+57" });

        Assert.Equal(2, written);
        Assert.Equal(
            [("first", EventLines.Utc("10:00:00")), ("second", EventLines.Utc("12:00:00"))],
            await ReadExportedAsync());
    }

    [Fact]
    public async Task An_export_sees_only_its_workspace_and_leaves_no_file_behind()
    {
        Assert.Equal(3, await Export("SELECT * FROM sessions"));

        Assert.DoesNotContain(await ReadExportedAsync(), row => row.Message == "globex secret");
        Assert.Empty(ExportLeftovers(Db));
    }

    [Theory]
    [InlineData("COPY (SELECT * FROM sessions) TO 'x.parquet'")]
    [InlineData("SELECT * FROM events")]
    public async Task What_a_query_may_not_do_an_export_may_not_either(string sql)
    {
        await Assert.ThrowsAsync<QueryRefusedException>(() => Export(sql));
        Assert.Empty(ExportLeftovers(Db));
    }
}
