using System.Text;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>DuckDB's memory limit follows the writer's work until the first read locks the configuration for good.</summary>
public sealed class MemoryLimitsTests : IDisposable
{
    private readonly TestStore _store = new(new DuckDbStoreOptions { MemoryLimit = "512MiB", IngestMemoryLimit = "128MiB", IngestBatchLines = 2 });
    private readonly EventLines _ana = new(phone: "573001234567");

    [Fact]
    public async Task A_file_ingest_runs_under_the_ingest_limit_and_puts_the_general_one_back()
    {
        Assert.Equal("512.0 MiB", Setting("memory_limit"));

        var during = await IngestReportingLimitsAsync(_ana.Inbound("09:00:00", "hola"), _ana.Node("09:00:05", "n_menu"), _ana.Node("09:00:09", "n_end"));

        Assert.Contains("128.0 MiB", during);
        Assert.Equal("512.0 MiB", Setting("memory_limit"));
        Assert.Equal("false", Setting("lock_configuration"));
    }

    [Fact]
    public async Task The_first_read_locks_the_configuration_and_later_ingests_keep_the_general_limit()
    {
        await _store.IngestAsync(_ana.Inbound("09:00:00", "hola"));

        await _store.RowsAsync("SELECT count(*) AS n FROM sessions");

        Assert.Equal("true", Setting("lock_configuration"));
        var refusal = Assert.Throws<DuckDBException>(() => Execute("SET memory_limit = '4GiB'"));
        Assert.Contains("lock", refusal.Message, StringComparison.OrdinalIgnoreCase);
        Assert.All(await IngestReportingLimitsAsync(_ana.Node("09:00:05", "n_menu"), _ana.Node("09:00:09", "n_end"), _ana.Node("09:00:12", "n_bye")),
            limit => Assert.Equal("512.0 MiB", limit));
    }

    [Fact]
    public async Task An_ingest_that_fails_midway_still_puts_the_general_limit_back()
    {
        using var input = new FailingStream(Encoding.UTF8.GetBytes(_ana.Inbound("09:00:00", "hola") + "\n"));

        await Assert.ThrowsAsync<IOException>(
            () => _store.Store.IngestAsync(input, new IngestOptions { Source = "test.ndjson" }, TestContext.Current.CancellationToken));

        Assert.Equal("512.0 MiB", Setting("memory_limit"));
    }

    [Fact]
    public void A_store_with_a_bad_ingest_limit_does_not_open()
    {
        using var folder = new TestStore();
        folder.Store.Dispose();

        var error = Assert.Throws<StoreUnavailableException>(
            () => DuckDbStore.Open(folder.DatabasePath, new DuckDbStoreOptions { IngestMemoryLimit = "a lot" }).Dispose());

        Assert.Contains("memory", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _store.Dispose();

    /// <summary>Ingests the lines as a file and returns the memory limit in force at each of its progress reports.</summary>
    private async Task<List<string>> IngestReportingLimitsAsync(params string[] lines)
    {
        var limits = new List<string>();
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        await _store.Store.IngestAsync(
            input, new IngestOptions { Source = "test.ndjson", Progress = new SynchronousProgress(_ => limits.Add(Setting("memory_limit"))) },
            TestContext.Current.CancellationToken);
        Assert.NotEmpty(limits);
        return limits;
    }

    /// <summary>Reads a setting through a connection of the test's own, which shares the open database but is no reader of the store's.</summary>
    private string Setting(string name)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT current_setting('{name}')::VARCHAR";
        return (string)command.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private DuckDBConnection Connect()
    {
        var connection = new DuckDBConnection($"Data Source={_store.DatabasePath}");
        connection.Open();
        return connection;
    }

    /// <summary>Gives its bytes, then fails as a disk or a network would.</summary>
    private sealed class FailingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(Span<byte> buffer) => Position < Length ? base.Read(buffer) : throw new IOException("the disk went away");

        public override int Read(byte[] buffer, int offset, int count) =>
            Position < Length ? base.Read(buffer, offset, count) : throw new IOException("the disk went away");
    }

    /// <summary>Reports on the ingest's own thread, while the ingest is under way (<see cref="Progress{T}"/> would post them for later).</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
