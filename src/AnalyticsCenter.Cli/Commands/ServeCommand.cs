using System.CommandLine;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace AnalyticsCenter.Cli.Commands;

/// <summary><c>analytics serve [--urls URL]</c>: the HTTP API over the store, until stopped.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create(TimeProvider time)
    {
        var urls = UrlsOption();
        var refreshEvery = new Option<string>("--refresh-every")
        {
            Description = "Refresh the tables this often, aligned to the clock in UTC: 3h (default), 1h, 30m…, or none (on demand only)",
            HelpName = "DURATION",
            DefaultValueFactory = _ => "3h",
        };
        var settingsFile = new Option<string?>("--settings")
        {
            Description = "A JSON settings file, e.g. {\"WhatsApp\": {\"AppSecret\": \"...\", \"VerifyToken\": \"...\"}} (environment variables win)",
            HelpName = "FILE",
        };
        var command = new Command("serve", "Serve the HTTP API (/api/v1, OpenAPI at /openapi/v1.json) over the store; authenticate with workspace keys")
        {
            urls, refreshEvery, settingsFile,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var database = parse.GetValue(CliOptions.Database)!;
            var listen = parse.GetValue(urls)!;
            var every = parse.GetValue(refreshEvery)!;
            var settings = new WebHostSettings
            {
                RefreshEvery = every.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : Durations.Parse(every, "--refresh-every"),
            };
            using var store = CommandRunner.OpenStore(database, time: time);
            var file = parse.GetValue(settingsFile) is { } path ? Path.GetFullPath(path) : null;
            if (file is not null && !File.Exists(file))
            {
                throw new UsageException($"--settings {file} does not exist");
            }

            await RunAsync(store, database, listen, settings, file, time, onStarted: null, ct);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary><c>--urls</c>: where a server listens.</summary>
    public static Option<string> UrlsOption() => new("--urls")
    {
        Description = $"Where to listen (default {DefaultUrls}; several separated by ';')",
        HelpName = "URL",
        DefaultValueFactory = _ => DefaultUrls,
    };

    /// <summary>
    /// Serves <paramref name="store"/> at <paramref name="listen"/> until Ctrl+C, marking the store as served meanwhile,
    /// with settings (WhatsApp secrets) from the environment and <paramref name="settingsFile"/> if given;
    /// <paramref name="onStarted"/> runs once listening, before the serving line is printed.
    /// </summary>
    public static async Task RunAsync(
        IAnalyticsStore store, string database, string listen, WebHostSettings settings, string? settingsFile, TimeProvider time, Action? onStarted,
        CancellationToken ct)
    {
        await using var app = AnalyticsWebApp.Create(store, settings, builder =>
        {
            builder.WebHost.UseUrls(listen);
            if (settingsFile is not null)
            {
                builder.Configuration.AddJsonFile(settingsFile, optional: false, reloadOnChange: false);
            }
        }, time);
        await app.StartAsync(ct);
        ServerMarker.Write(database, listen);
        try
        {
            onStarted?.Invoke();
            Console.WriteLine($"serving {Path.GetFullPath(database)} at {listen} (API under /api/v1, OpenAPI at /openapi/v1.json); " +
                $"refreshing {(settings.RefreshEvery is { } e ? $"every {e.TotalHours:0.##} h, aligned to UTC" : "on demand only")}; Ctrl+C stops");
            await app.WaitForShutdownAsync(ct);
        }
        finally
        {
            ServerMarker.Remove(database);
        }
    }
}
