using System.CommandLine;
using AnalyticsCenter.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnalyticsCenter.Cli.Commands;

/// <summary><c>analytics serve [--urls URL]</c>: the HTTP API over the store, until stopped.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create(TimeProvider time)
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen (default {DefaultUrls}; several separated by ';')",
            HelpName = "URL",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var refreshEvery = new Option<string>("--refresh-every")
        {
            Description = "Refresh the tables this often, aligned to the clock in UTC: 3h (default), 1h, 30m…; or a cron expression in UTC " +
                "(\"0 */3 * * *\"); or none (on demand only)",
            HelpName = "DURATION|CRON",
            DefaultValueFactory = _ => "3h",
        };
        var logFormat = new Option<string>("--log-format")
        {
            Description = "text (default) or json: one JSON object a line, for a log collector",
            HelpName = "text|json",
            DefaultValueFactory = _ => "text",
        };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var command = new Command("serve", "Serve the HTTP API (/api/v1, OpenAPI at /openapi/v1.json) over the store; authenticate with workspace keys")
        {
            urls, refreshEvery, logFormat,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var database = parse.GetValue(CliOptions.Database)!;
            var listen = parse.GetValue(urls)!;
            var every = parse.GetValue(refreshEvery)!;
            var settings = new WebHostSettings
            {
                RefreshEvery = Schedule(every),
            };
            using var store = CommandRunner.OpenStore(database, time: time);
            await using var app = AnalyticsWebApp.Create(store, settings, builder =>
            {
                builder.WebHost.UseUrls(listen);
                if (parse.GetValue(logFormat) == "json")
                {
                    builder.Logging.ClearProviders().AddJsonConsole();
                }
            }, time);
            await app.StartAsync(ct);
            ServerMarker.Write(database, listen);
            try
            {
                // With JSON logs every line of output is a JSON object; the host's own startup lines say where it listens.
                if (parse.GetValue(logFormat) != "json")
                {
                    Console.WriteLine($"serving {Path.GetFullPath(database)} at {listen} (API under /api/v1, OpenAPI at /openapi/v1.json); " +
                        $"refreshing {settings.RefreshEvery?.ToString() ?? "on demand only"}; Ctrl+C stops");
                }

                await app.WaitForShutdownAsync(ct);
            }
            finally
            {
                ServerMarker.Remove(database);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary><c>none</c>, a duration (<c>3h</c>), or else a cron expression (it has spaces; a duration never does).</summary>
    private static RefreshSchedule? Schedule(string text)
    {
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!text.Trim().Contains(' ', StringComparison.Ordinal))
        {
            return RefreshSchedule.Every(Durations.Parse(text, "--refresh-every"));
        }

        try
        {
            return RefreshSchedule.Cron(text);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"--refresh-every: {ex.Message}");
        }
    }
}
