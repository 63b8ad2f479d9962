using System.CommandLine;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;
using Spectre.Console;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics workspace set ID [--inactivity-timeout DURATION] [--time-zone ZONE]</c> and <c>analytics workspace list</c>.
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
        var set = new Command("set", "Configure a workspace: each option given changes that setting only") { id, timeout, timeZone };
        set.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var workspace = QueryCommand.ParseWorkspace(parse.GetValue(id)!);
            var (timeoutText, zoneText) = (parse.GetValue(timeout), parse.GetValue(timeZone));
            if (timeoutText is null && zoneText is null)
            {
                throw new UsageException("workspace set needs --inactivity-timeout DURATION, --time-zone ZONE, or both");
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

                Console.WriteLine($"{workspace}: time zone {newZone}; reports and the web tab use it from now on");
            }

            if (parsedTimeout is { } newTimeout)
            {
                await store.SetInactivityTimeoutAsync(workspace, newTimeout, ct);
                Console.WriteLine($"{workspace}: inactivity timeout {newTimeout}; run analytics refresh to apply it");
            }

            return ExitCodes.Success;
        }));

        var list = new Command("list", "List the workspaces the store knows, with their settings");
        list.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            using var store = await CommandRunner.OpenStoreAsync(parse, new StoreOpenOptions { ReadOnly = true }, null, ct);
            var table = new Table().AddColumns("workspace", "inactivity timeout", "time zone", "last refresh as of");
            foreach (var status in await store.GetStatusAsync(cancellationToken: ct))
            {
                table.AddRow(Markup.Escape(status.Workspace), status.InactivityTimeout.ToString(),
                    Markup.Escape(status.TimeZone.Id), TimeText.Of(status.AsOfUtc));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));

        return new Command("workspace", "Workspace settings") { set, list };
    }
}
