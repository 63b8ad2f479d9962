using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>
/// Every file and folder of a store is its owner's alone (0600 and 0700), however permissive the process's umask, and an
/// older store's are made so as it opens. Alone in the process: it sets the process's umask.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(nameof(PrivateStoreFilesTests))]
[CollectionDefinition(nameof(PrivateStoreFilesTests), DisableParallelization = true)]
public sealed class PrivateStoreFilesTests : IDisposable
{
    private readonly uint _umask = StoreFileModes.SetUmask(StoreFileModes.PermissiveUmask);
    private readonly EventLines _ana = new("acme");

    [Fact]
    public async Task After_ingest_refresh_query_and_export_every_store_file_is_private_under_a_permissive_umask()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows has no file modes");
        using var store = new TestStore();

        await Use(store);

        AssertPrivate(store.DatabasePath);
        Assert.True(File.Exists(store.DatabasePath + ".wal"), "an ingest after the refresh leaves a write-ahead log to check");
    }

    [Fact]
    public async Task A_store_created_readable_by_others_is_made_private_as_it_opens()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows has no file modes");
        using var store = new TestStore();
        await store.IngestAsync(_ana.Inbound("09:00:00", "hola"));
        store.Store.Dispose();
        File.SetUnixFileMode(store.DatabasePath, StoreFileModes.Shared);
        Directory.CreateDirectory(store.DatabasePath + ".tmp");
        foreach (var folder in new[] { store.DatabasePath + ".tmp", store.DatabasePath + ".exports" })
        {
            File.SetUnixFileMode(folder, StoreFileModes.SharedFolder);
        }

        _ = StoreFileModes.SetUmask(StoreFileModes.PermissiveUmask);
        store.Reopen();
        await Use(store);

        AssertPrivate(store.DatabasePath);
    }

    /// <summary>Ingests, refreshes, queries and exports, and ingests again so that a write-ahead log is left.</summary>
    private async Task Use(TestStore store)
    {
        await store.IngestAsync(_ana.Inbound("09:00:00", "hola"), _ana.Node("09:00:05", "n_menu"));
        await store.RefreshAsync("12:00:00");
        Assert.Single(await store.RowsAsync("SELECT * FROM sessions"));
        using var exported = new MemoryStream();
        await store.Store.ExportParquetAsync(
            WorkspaceId.Parse("acme"), "SELECT * FROM sessions", new Dictionary<string, object?>(), exported,
            cancellationToken: TestContext.Current.CancellationToken);
        await store.IngestAsync(_ana.Node("12:30:00", "n_end"));
    }

    private static void AssertPrivate(string database)
    {
        var entries = StoreFileModes.Entries(database);
        Assert.Contains(entries, entry => entry.Name.EndsWith(".exports", StringComparison.Ordinal));
        Assert.All(entries, entry => Assert.True(StoreFileModes.IsPrivate(entry), $"{entry.FullName} is {entry.UnixFileMode}"));
    }

    public void Dispose() => _ = StoreFileModes.SetUmask(_umask);
}
