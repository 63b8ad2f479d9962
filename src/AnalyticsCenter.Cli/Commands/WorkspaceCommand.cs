using System.CommandLine;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;
using Spectre.Console;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics workspace set ID [--inactivity-timeout DURATION] [--time-zone ZONE] [--retention DURATION|default]</c> and
/// <c>analytics workspace list</c>.
/// </summary>
internal static class WorkspaceCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The workspace id" };
        var timeout = new Option<string>("--inactivity-timeout")
        {
            Description = "How long a session may be idle before it ends: 90s, 45m, 2h, 1d, or none (never). Default for unset workspaces: 60m",
            HelpName = "DURATION",
        };
        var timeZone = new Option<string>("--time-zone")
        {
            Description = "The IANA time zone reports and the web tab bucket days in unless the caller names one: Europe/Madrid, America/Bogota. Default: UTC",
            HelpName = "ZONE",
        };
        var retention = new Option<string>("--retention")
        {
            Description = "How long rows are kept before the rolling window drops them: 30d, 90d, 14d… up to 365d, or default (the store's: 30d)",
            HelpName = "DURATION",
        };
        var set = new Command("set", "Configure a workspace: each option given changes that setting only") { id, timeout, timeZone, retention };
        set.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var workspace = QueryCommand.ParseWorkspace(parse.GetValue(id)!);
            var (timeoutText, zoneText, retentionText) = (parse.GetValue(timeout), parse.GetValue(timeZone), parse.GetValue(retention));
            if (timeoutText is null && zoneText is null && retentionText is null)
            {
                throw new UsageException("workspace set needs --inactivity-timeout DURATION, --time-zone ZONE or --retention DURATION");
            }

            InactivityTimeout? parsedTimeout = null;
            if (timeoutText is not null)
            {
                parsedTimeout = InactivityTimeout.TryParse(timeoutText, out var parsed)
                    ? parsed
                    : throw new UsageException($"--inactivity-timeout \"{timeoutText}\" is not a duration like 90s, 45m, 2h, 1d or none");
            }

            WorkspaceTimeZone? parsedZone = null;
            if (zoneText is not null)
            {
                parsedZone = WorkspaceTimeZone.TryParse(zoneText, out var zone)
                    ? zone
                    : throw new UsageException($"--time-zone \"{zoneText}\" is not an IANA time zone id like Europe/Madrid, America/Bogota or UTC");
            }

            var parsedRetention = retentionText is null ? null : ParseRetention(retentionText);
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            if (parsedZone is { } newZone)
            {
                try
                {
                    await store.SetTimeZoneAsync(workspace, newZone, ct);
                }
                catch (ArgumentException ex)
                {
                    throw new UsageException($"--time-zone: {ex.Message}");
                }

                await store.AuditAsync(workspace, AuditAction.TimeZoneChanged, detail: newZone.ToString(), cancellationToken: ct);
                Console.WriteLine($"{workspace}: time zone {newZone}; reports and the web tab use it from now on");
            }

            if (parsedTimeout is { } newTimeout)
            {
                await store.SetInactivityTimeoutAsync(workspace, newTimeout, ct);
                Console.WriteLine($"{workspace}: inactivity timeout {newTimeout}; run analytics refresh to apply it");
            }

            if (retentionText is not null)
            {
                await store.SetRetentionAsync(workspace, parsedRetention, ct);
                await store.AuditAsync(workspace, AuditAction.RetentionChanged, detail: parsedRetention?.ToString() ?? "default", cancellationToken: ct);
                Console.WriteLine($"{workspace}: rows kept for {(parsedRetention?.ToString() ?? "the store's window")}; the next refresh applies it");
            }

            return ExitCodes.Success;
        }));

        var list = new Command("list", "List the workspaces the store knows, with their settings");
        list.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            using var store = await CommandRunner.OpenStoreAsync(parse, new StoreOpenOptions { ReadOnly = true }, null, ct);
            var table = new Table().AddColumns("workspace", "inactivity timeout", "time zone", "retention", "last refresh as of");
            foreach (var status in await store.GetStatusAsync(cancellationToken: ct))
            {
                table.AddRow(Markup.Escape(status.Workspace), status.InactivityTimeout.ToString(),
                    Markup.Escape(status.TimeZone.Id), status.Retention.ToString(), TimeText.Of(status.AsOfUtc));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));

        return new Command("workspace", "Workspace settings") { set, list };
    }

    /// <summary><c>--retention</c>: a window, or null for <c>default</c> (none of its own: the store's).</summary>
    private static RetentionPeriod? ParseRetention(string text)
    {
        if (text.Trim().Equals("default", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return RetentionPeriod.TryParse(text, out var period)
            ? period
            : throw new UsageException($"--retention \"{text}\" is not a duration like 30d, 90d or 12h (at most 365d), or default");
    }
}
