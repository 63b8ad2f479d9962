using System.CommandLine;
using System.Globalization;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Demo;
using AnalyticsCenter.Query;
using AnalyticsCenter.Web;
using AnalyticsCenter.Web.Embed;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

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

            // The demo rebuilds its file: never under a server that holds it.
            if (target.FilePath is not null && ServerMarker.LiveServer(database) is { } running)
            {
                return CommandRunner.Fail(
                    $"a demo or serve (process {running.ProcessId}) is serving {database} at {running.Urls}: open it there, or stop it " +
                    $"(Ctrl+C in its terminal, or kill {running.ProcessId}) before running the demo again", ExitCodes.Failure);
            }

            var options = new DemoOptions { Seed = parse.GetValue(seed), Events = count, End = new DateTimeOffset(endAt, TimeSpan.Zero) };
            Console.WriteLine($"generating about {count:N0} events of a month ending {TimeText.Of(endAt)} into {eventsFile} …");
            var summary = await GeneratedEvents.WriteFileAsync(eventsFile, options);
            Console.WriteLine($"generated {summary.Lines:N0} lines for {string.Join(", ", summary.WorkspaceIds)} " +
                              $"({summary.BadLines:N0} deliberately bad, {summary.DuplicateLines:N0} duplicates)");

            // A demo file is rebuilt each run; a server database is another matter: the demo only adds to it.
            if (target.FilePath is not null)
            {
                GeneratedEvents.DeleteStore(database);
            }

            using var store = await StoreFactory.OpenAsync(target, new StoreOpenOptions(), time, ct);
            Console.WriteLine($"ingesting them into {(target.FilePath ?? "the database")} …");
            var retainedFrom = new RetentionStarts(endAt, await store.GetRetentionsAsync(ct), RetentionPeriod.Default);
            var ingest = await IngestCommand.IngestFileAsync(store, eventsFile, retainedFrom, ct);
            Console.WriteLine(
                $"ingested: {ingest.Accepted:N0} accepted, {ingest.Duplicates:N0} duplicates, " +
                $"{ingest.Rejected:N0} rejected in {ingest.Elapsed.TotalSeconds:0.0} s");
            IngestCommand.WarnBeforeRetention(ingest.BeforeRetention, retainedFrom);
            Console.WriteLine("refreshing the sessions and deployments tables …");
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
                var variant = await ReportVariant.ForWorkspaceAsync(report, store, store, workspace, ct);
                await store.QueryAsync(workspace, variant.Sql(store.Dialect), variant.Bind(values),
                    reader => ResultWriter.WriteAsync(reader, ResultFormat.Table, stdout, null, ct), ct);
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"data as of {TimeText.Of(refresh.AsOfUtc)}"));
            if (parse.GetValue(noServe))
            {
                // A server database's URL holds its password: the hint names it without repeating it.
                PrintHints($"--workspace {workspace} --db {target.FilePath ?? "URL"}");
                return ExitCodes.Success;
            }

            // A fresh read key each run: the demo store is rebuilt every time, keys included.
            var key = await store.CreateKeyAsync(workspace, "demo sign-in", KeyScope.Read, ct);
            var listen = parse.GetValue(urls)!;
            Console.WriteLine($"starting the server at {listen} …");

            // A stand-in for the host platform on another loopback origin, framing the tab with tokens it signs.
            var site = listen.Split(';')[0];
            await using var platform = await StartSamplePlatformAsync(store, site, workspace, time, ct);
            var platformUrl = platform?.Urls.Single();

            // The sign-in block is the last thing printed: requests are not logged, so it stays in view while the tab is used.
            var settings = new WebHostSettings
            {
                LogRequests = false,
                Embed = new EmbedSettings
                {
                    Hosts = platformUrl is null ? new Dictionary<string, string>() : new() { [EmbedSampleHost.Name] = platformUrl },
                },
            };
            await ServeCommand.RunAsync(store, target, settings, new ServeHost(listen), time, () =>
            {
                Console.WriteLine();
                Console.WriteLine(new string('=', 100));
                Console.WriteLine($"Open {site} and sign in as workspace {workspace} with this key:");
                Console.WriteLine();
                Console.WriteLine($"  {key.Key}");
                Console.WriteLine();
                PrintHints($"--server {site} --key {key.Key}");
                Console.WriteLine($"API reference: {site}/api/docs; the event contract: {site}/api/docs/events");
                if (platformUrl is not null)
                {
                    Console.WriteLine($"The tab embedded in a sample host platform (signed tokens, no sign-in): {platformUrl}");
                }

                Console.WriteLine("Requests are not logged here (analytics serve logs one line each).");
                Console.WriteLine(new string('=', 100));
            }, ct);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// The sample host platform (<see cref="EmbedSampleHost"/>) on a free loopback port, with a fresh key of its own; null
    /// when the store keeps no embed keys.
    /// </summary>
    private static async Task<WebApplication?> StartSamplePlatformAsync(
        IAnalyticsStore store, string site, WorkspaceId workspace, TimeProvider time, CancellationToken ct)
    {
        if (store is not IEmbedKeys keys)
        {
            return null;
        }

        foreach (var old in (await keys.ListEmbedKeysAsync(null, ct)).Where(k => k.IsActive && k.Host == EmbedSampleHost.Name))
        {
            await keys.RevokeEmbedKeyAsync(old.Host, old.KeyId, null, ct);
        }

        var key = await keys.AddEmbedKeyAsync(EmbedSampleHost.Name, null, ct);
        var platform = EmbedSampleHost.Create(() => site, key, new EmbedSettings().Audience, workspace.Value, time, builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await platform.StartAsync(ct);
        return platform;
    }

    /// <summary>A command to try next, reaching the data as <paramref name="reach"/> says (<c>--db</c>, or a server and its key).</summary>
    private static void PrintHints(string reach)
    {
        Console.WriteLine("Explore it yourself from another terminal, for example:");
        Console.WriteLine(
            $"  dotnet run --project src/AnalyticsCenter.Cli -- query \"SELECT session_type, count(*) FROM sessions GROUP BY 1\" {reach}");
    }
}
