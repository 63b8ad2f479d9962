using System.CommandLine;
using System.Globalization;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Demo;
using AnalyticsCenter.Query;
using AnalyticsCenter.Web;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics demo</c>: a realistic month for a few workspaces, ingested, refreshed and summarized, then served with a
/// sign-in key (<c>--no-serve</c> stops after the summary).
/// </summary>
internal static class DemoCommand
{
    public const string DefaultDatabase = "data/demo.duckdb";

    public static Command Create(TimeProvider time)
    {
        var seed = GeneratedEvents.SeedOption();
        var events = new Option<long>("--events") { Description = "About how many events to generate", DefaultValueFactory = _ => 200_000 };
        var end = new Option<string?>("--end")
        {
            Description = "The generated month ends here, RFC 3339 (default: today 00:00 UTC, so runs on one day are identical)",
            HelpName = "TIME",
        };
        var noServe = new Option<bool>("--no-serve") { Description = "Stop after the analyses instead of serving the tab and API" };
        var urls = ServeCommand.UrlsOption();
        var command = new Command("demo",
            $"Generate a realistic month of events for a few workspaces, ingest and refresh it into {DefaultDatabase} (or the store --db names; "
            + $"${CliOptions.DatabaseVariable} is not used, so the demo never writes into the store it names), show a few analyses, then serve the tab")
        {
            seed, events, end, noServe, urls,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            if (parse.GetValue(events) is var count && count is < 1 or > 100_000_000)
            {
                throw new UsageException($"--events must be between 1 and 100,000,000, not {count:N0}");
            }

            var endAt = parse.GetValue(end) is { } text ? RefreshCommand.ParseInstant(text, time) : time.GetUtcNow().UtcDateTime.Date;
            var target = parse.GetValue(CliOptions.Database) is not null ? CliOptions.Target(parse) : StoreTarget.File(DefaultDatabase);
            var database = target.FilePath ?? DefaultDatabase;
            var eventsFile = Path.ChangeExtension(database, ".events.ndjson");

            var options = new DemoOptions { Seed = parse.GetValue(seed), Events = count, End = new DateTimeOffset(endAt, TimeSpan.Zero) };
            var summary = await GeneratedEvents.WriteFileAsync(eventsFile, options);
            Console.WriteLine($"generated {summary.Lines:N0} lines for {string.Join(", ", summary.WorkspaceIds)} into {eventsFile} " +
                              $"({summary.BadLines:N0} deliberately bad, {summary.DuplicateLines:N0} duplicates)");

            // A demo file is rebuilt each run; a server database is another matter: the demo only adds to it.
            if (target.FilePath is not null)
            {
                GeneratedEvents.DeleteStore(database);
            }

            using var store = await StoreFactory.OpenAsync(target, new StoreOpenOptions(), time, ct);
            var ingest = await IngestCommand.IngestFileAsync(store, eventsFile, ct);
            Console.WriteLine(
                $"ingested: {ingest.Accepted:N0} accepted, {ingest.Duplicates:N0} duplicates, " +
                $"{ingest.Rejected:N0} rejected in {ingest.Elapsed.TotalSeconds:0.0} s");
            var refresh = await RefreshCommand.RefreshAsync(store, endAt, ct);
            RefreshCommand.Print(refresh);

            var workspace = WorkspaceId.Parse(summary.WorkspaceIds[0]);
            await using var stdout = Console.OpenStandardOutput();
            var byCountry = new Dictionary<string, object?> { [ReportParameter.By.Name] = "country" };
            foreach (var (report, values) in new (ReadyReport Report, Dictionary<string, object?>? Values)[]
                { (ReadyReport.DropOff, null), (ReadyReport.DeliveryRate, byCountry), (ReadyReport.FailureReasons, null) })
            {
                Console.WriteLine();
                Console.WriteLine($"{report.Title}, workspace {workspace}:");
                await stdout.FlushAsync(ct);
                await store.QueryAsync(workspace, report.Sql(store.Dialect), report.Bind(values),
                    reader => ResultWriter.WriteAsync(reader, ResultFormat.Table, stdout, null, ct), ct);
            }

            Console.WriteLine();
            Console.WriteLine("Explore it yourself, for example:");
            // A server database's URL holds its password: the hint names it without repeating it.
            var db = target.FilePath ?? "URL";
            Console.WriteLine(
                $"  dotnet run --project src/AnalyticsCenter.Cli -- query \"SELECT session_type, count(*) FROM sessions GROUP BY 1\" " +
                $"--workspace {workspace} --db {db}");
            Console.WriteLine($"  dotnet run --project src/AnalyticsCenter.Cli -- status --db {db}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"data as of {TimeText.Of(refresh.AsOfUtc)}"));
            if (parse.GetValue(noServe))
            {
                return ExitCodes.Success;
            }

            // A fresh read key each run: the demo store is rebuilt every time, keys included.
            var key = await store.CreateKeyAsync(workspace, "demo sign-in", KeyScope.Read, ct);
            var listen = parse.GetValue(urls)!;
            await ServeCommand.RunAsync(store, target, new WebHostSettings(), new ServeHost(listen), time, () =>
            {
                Console.WriteLine();
                Console.WriteLine($"Open {listen.Split(';')[0]} and sign in as workspace {workspace} with this key:");
                Console.WriteLine($"  {key.Key}");
            }, ct);
            return ExitCodes.Success;
        }));
        return command;
    }
}
