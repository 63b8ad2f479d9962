using System.CommandLine;
using AnalyticsCenter.Cli.Load;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Demo;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics bench load</c>: a real <c>analytics serve</c> (a child process on 127.0.0.1) takes N generated events over
/// HTTP from several concurrent clients in batches; reports sustained events/s, acknowledgement latency (p50, p99), the
/// server's peak memory, and checks that the store holds exactly the events the server acknowledged as accepted. A
/// PostgreSQL <c>--db</c> is loaded in place: only the events this run adds are counted.
/// </summary>
internal static class LoadBenchCommand
{
    public static Command Create()
    {
        var events = new Option<long>("--events") { Description = "Events to send", DefaultValueFactory = _ => 1_000_000 };
        var clients = new Option<int>("--clients") { Description = "Concurrent HTTP clients (default 8)", DefaultValueFactory = _ => 8 };
        var batch = new Option<int>("--batch") { Description = "Events per request (at most 10,000)", DefaultValueFactory = _ => 1_000 };
        var directory = BenchFolder.DirectoryOption("Where the events file and the store go (default: a temporary folder, removed afterwards)");
        var seed = GeneratedEvents.SeedOption();
        var writers = new Option<int?>("--writers") { Description = "The server's ingest writers (serve --writers; default its cores)", HelpName = "N" };
        var command = new Command("load", "Benchmark the HTTP ingest: concurrent clients send N events in batches to a real `analytics serve` on 127.0.0.1")
        {
            events, clients, batch, directory, seed, writers,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var count = parse.GetValue(events);
            var clientCount = parse.GetValue(clients);
            var batchLines = parse.GetValue(batch);
            if (count is < 1 or > 100_000_000 || clientCount is < 1 or > 64 || batchLines is < 1 or > 10_000)
            {
                throw new UsageException("--events must be 1 to 100,000,000, --clients 1 to 64 and --batch 1 to 10,000");
            }

            // A PostgreSQL --db is loaded in place; a DuckDB one is a fresh file in the folder.
            var named = CliOptions.Target(parse);
            return await BenchFolder.RunAsync(parse.GetValue(directory), "analytics-load-", async folder =>
            {
                var database = named.ConnectionString is null ? StoreTarget.File(Path.Combine(folder, "load.duckdb")) : named;
                var eventsFile = Path.Combine(folder, "load-events.ndjson");
                await GeneratedEvents.WriteFileAsync(
                    eventsFile, new DemoOptions { Seed = parse.GetValue(seed), Events = count, End = GeneratedEvents.BenchEnd });
                var batches = IngestBatches.Read(eventsFile, batchLines);
                Console.WriteLine(
                    $"{batches.Lines:N0} events in {batches.Batches.Count:N0} requests of at most {batchLines:N0}, " +
                    $"{batches.Workspaces.Count} workspaces, {clientCount} clients");

                if (database.FilePath is { } file)
                {
                    GeneratedEvents.DeleteStore(file);
                }

                var keys = new Dictionary<string, string>(StringComparer.Ordinal);
                long before;
                using (var store = await StoreFactory.OpenAsync(database, new StoreOpenOptions(), TimeProvider.System, ct))
                {
                    before = (await store.GetStatusAsync(cancellationToken: ct)).Sum(s => s.EventsWaiting);
                    foreach (var workspace in batches.Workspaces)
                    {
                        keys[workspace] = (await store.CreateKeyAsync(WorkspaceId.Parse(workspace), "load benchmark", KeyScope.Ingest, ct)).Key;
                    }
                }

                IngestLoadResult result;
                LoadCpu cpu;
                long? peak;
                int exitCode;
                await using (var databaseServer = database.ConnectionString is not null ? await PostgresBench.OpenAsync(database, ct) : null)
                using (var server = await ServerProcess.StartAsync(
                    database.FilePath ?? database.ConnectionString!, ["--refresh-every", "none", .. WritersArgument(parse.GetValue(writers))], ct))
                {
                    var (serveAtStart, clientsAtStart, databaseAtStart) = (server.Cpu(), Environment.CpuUsage.TotalTime, databaseServer?.ServerCpu());
                    result = await IngestLoad.RunAsync(server.Url, batches, keys, clientCount, ct);
                    cpu = new LoadCpu(
                        server.Cpu() - serveAtStart, Environment.CpuUsage.TotalTime - clientsAtStart, databaseServer?.ServerCpu() - databaseAtStart);
                    peak = server.PeakResidentBytes();
                    exitCode = await server.StopAsync(TimeSpan.FromMinutes(1), ct);
                }

                long stored;
                using (var store = await StoreFactory.OpenAsync(database, new StoreOpenOptions { ReadOnly = true }, TimeProvider.System, ct))
                {
                    stored = (await store.GetStatusAsync(cancellationToken: ct)).Sum(s => s.EventsWaiting) - before;
                }

                Console.WriteLine(
                    $"acknowledged: {result.Acknowledged:N0} of {result.Lines:N0} ({result.Accepted:N0} accepted, " +
                    $"{result.Duplicates:N0} duplicates, {result.Rejected:N0} rejected), {result.Retries:N0} retries after 429/503");
                Console.WriteLine($"throughput:   {result.EventsPerSecond:N0} events/s sustained over {result.Elapsed.TotalSeconds:0.00} s");
                Console.WriteLine($"latency:      p50 {result.P50Milliseconds:N1} ms, p99 {result.P99Milliseconds:N1} ms per acknowledged batch");
                Console.WriteLine($"cpu:          {cpu.Describe(result.Acknowledged)}");
                Console.WriteLine($"server:       peak memory {(peak is { } p ? $"{p / 1e6:N0} MB (VmHWM)" : "unknown")}, exit code {exitCode} after SIGTERM");
                var whole = stored == result.Accepted && result.Acknowledged == result.Lines && exitCode == 0;
                Console.WriteLine(
                    $"stored:       {stored:N0} events {(stored == result.Accepted ? "==" : "!=")} {result.Accepted:N0} acknowledged as accepted");
                return whole
                    ? ExitCodes.Success
                    : CommandRunner.Fail("the store does not hold exactly the acknowledged events, or the server did not stop cleanly", ExitCodes.Failure);
            });
        }));
        return command;
    }

    private static string[] WritersArgument(int? writers) =>
        writers is { } n ? ["--writers", n.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];
}
