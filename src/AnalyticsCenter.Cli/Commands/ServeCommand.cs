using System.CommandLine;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Storage.DuckDb;
using AnalyticsCenter.Web;
using AnalyticsCenter.Web.Embed;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnalyticsCenter.Cli.Commands;

/// <summary><c>analytics serve [--urls URL]</c>: the web tab and HTTP API over the store, until stopped.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create(TimeProvider time)
    {
        var urls = UrlsOption();
        var refreshEvery = new Option<string>("--refresh-every")
        {
            Description = "Refresh the tables this often, aligned to the clock in UTC: 3h (the default), 1h, 5m, or 1m to keep the data fresh " +
                "within minutes (any duration: 90s, 15m…); or a cron expression in UTC (\"0 */3 * * *\"); or none (on demand only)",
            HelpName = "DURATION|CRON",
            DefaultValueFactory = _ => "3h",
        };
        var settingsFile = new Option<string?>("--settings")
        {
            Description = "A JSON settings file, e.g. {\"WhatsApp\": {\"AppSecret\": \"...\", \"VerifyToken\": \"...\"}} (environment variables win)",
            HelpName = "FILE",
        };
        var logFormat = new Option<string>("--log-format")
        {
            Description = "text (default) or json: one JSON object a line, for a log collector",
            HelpName = "text|json",
            DefaultValueFactory = _ => "text",
        };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var writers = new Option<int?>("--writers")
        {
            Description = "Ingest writers at once on a store that takes several (PostgreSQL; default this machine's cores); a DuckDB file has one",
            HelpName = "N",
        };
        var embedHosts = new Option<string[]>("--embed-host")
        {
            Description = "A host platform that may frame the tab, as NAME=ORIGIN (its tokens' iss, and https://platform.example); repeat for more. " +
                "None: no page may be framed",
            HelpName = "NAME=ORIGIN",
        };
        var embedAudience = new Option<string>("--embed-audience")
        {
            Description = "What embed tokens' aud must be (default analytics-center)",
            HelpName = "TEXT",
            DefaultValueFactory = _ => new EmbedSettings().Audience,
        };
        var command = new Command("serve",
            "Serve the web tab and the HTTP API (/api/v1, OpenAPI at /openapi/v1.json) over the store; authenticate with workspace keys")
        {
            urls, refreshEvery, settingsFile, logFormat, writers, embedHosts, embedAudience,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var target = CliOptions.Target(parse);
            if (parse.GetValue(writers) is < 1 or > 64)
            {
                throw new UsageException("--writers must be 1 to 64");
            }

            var settings = new WebHostSettings
            {
                ConcurrentWriters = parse.GetValue(writers) ?? Environment.ProcessorCount,
                RefreshEvery = Schedule(parse.GetValue(refreshEvery)!),
                SignInKeysDirectory = target.FilePath is { } database ? Path.GetFullPath(database) + ".signin-keys" : null,
                Embed = new EmbedSettings { Hosts = EmbedHosts(parse.GetValue(embedHosts) ?? []), Audience = parse.GetValue(embedAudience)! },
            };
            var file = parse.GetValue(settingsFile) is { } path ? Path.GetFullPath(path) : null;
            if (file is not null && !File.Exists(file))
            {
                throw new UsageException($"--settings {file} does not exist");
            }

            using var store = await StoreFactory.OpenAsync(target, new StoreOpenOptions(), time, ct);
            var host = new ServeHost(parse.GetValue(urls)!, file, JsonLogs: parse.GetValue(logFormat) == "json");
            await RunAsync(store, target, settings, host, time, onStarted: null, ct);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary><c>--embed-host NAME=ORIGIN</c>, each checked: a host name and an http(s) origin.</summary>
    private static Dictionary<string, string> EmbedHosts(string[] values)
    {
        var hosts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var (name, origin) = value.Split('=', 2) is [var n, var o] ? (n, o) : throw new UsageException($"--embed-host takes NAME=ORIGIN, not \"{value}\"");
            try
            {
                hosts[EmbedRules.Host(name)] = EmbedSettings.Origin(origin);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException("--embed-host: " + ex.Message.Split(" (Parameter", 2)[0]);
            }
        }

        return hosts;
    }

    /// <summary><c>--urls</c>: where a server listens.</summary>
    public static Option<string> UrlsOption() => new("--urls")
    {
        Description = $"Where to listen (default {DefaultUrls}; several separated by ';')",
        HelpName = "URL",
        DefaultValueFactory = _ => DefaultUrls,
    };

    /// <summary>
    /// Serves <paramref name="store"/> as <paramref name="host"/> says until stopped, marking a store file as served meanwhile;
    /// <paramref name="onStarted"/> runs once listening, after the serving line is printed.
    /// </summary>
    public static async Task RunAsync(
        IAnalyticsStore store, StoreTarget target, WebHostSettings settings, ServeHost host, TimeProvider time, Action? onStarted, CancellationToken ct)
    {
        // New files are private since the store opened; a sign-in key folder from before is made so too.
        if (settings.SignInKeysDirectory is { } keys)
        {
            PrivateFiles.Tighten(keys);
        }

        await using var app = AnalyticsWebApp.Create(store, settings, builder =>
        {
            builder.WebHost.UseUrls(host.Urls);
            if (host.SettingsFile is not null)
            {
                builder.Configuration.AddJsonFile(host.SettingsFile, optional: false, reloadOnChange: false);
            }

            // A host that fails to start throws to the command, which says why in one line (CommandRunner): the host's
            // own log of it is a stack trace. Its background services log their own failures (ScheduledRefresh).
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
            if (host.JsonLogs)
            {
                builder.Logging.ClearProviders().AddJsonConsole();
            }
            else
            {
                // One line an entry; where it listens is the serving line's to say.
                builder.Logging.AddSimpleConsole(o => (o.SingleLine, o.TimestampFormat) = (true, "HH:mm:ss "));
                builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
            }
        }, time);
        await StartAsync(app, host.Urls, ct);
        // Only a file needs a marker: other processes cannot open it while this one serves it, and the marker says where to go.
        if (target.FilePath is { } database)
        {
            ServerMarker.Write(database, host.Urls);
        }

        try
        {
            // With JSON logs every line of output is a JSON object; the host's own startup lines say where it listens.
            if (!host.JsonLogs)
            {
                Console.WriteLine($"serving {store.Description} at {host.Urls} (web tab at /, API under /api/v1, OpenAPI at /openapi/v1.json); " +
                    $"refreshing {settings.RefreshEvery?.ToString() ?? "on demand only"}; Ctrl+C stops");
                onStarted?.Invoke();
            }

            await app.WaitForShutdownAsync(ct);
        }
        finally
        {
            if (target.FilePath is { } served)
            {
                ServerMarker.Remove(served);
            }
        }
    }

    /// <summary>Starts <paramref name="app"/>; an address another program holds is said in one line, not a trace.</summary>
    private static async Task StartAsync(WebApplication app, string urls, CancellationToken ct)
    {
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            throw new IOException($"cannot listen at {urls}: another program holds that port (a demo or serve still running?); " +
                "stop it, or listen elsewhere with --urls http://127.0.0.1:PORT", ex);
        }
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
