using System.CommandLine;
using AnalyticsCenter.Core.Sessions;
using Spectre.Console;

namespace AnalyticsCenter.Cli.Commands;

/// <summary><c>analytics workspace set ID --inactivity-timeout DURATION</c> and <c>analytics workspace list</c>.</summary>
internal static class WorkspaceCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The workspace id" };
        var timeout = new Option<string>("--inactivity-timeout")
        {
            Description = "How long a session may be idle before it ends: 90s, 45m, 2h, 1d, or none (never). Default for unset workspaces: 60m",
            Required = true,
            HelpName = "DURATION",
        };
        var set = new Command("set", "Configure a workspace; the next refresh recomputes it") { id, timeout };
        set.SetAction((parse, ct) => CommandRunner.Run(() =>
        {
            var workspace = QueryCommand.ParseWorkspace(parse.GetValue(id)!);
            var text = parse.GetValue(timeout)!;
            if (!InactivityTimeout.TryParse(text, out var parsed))
            {
                throw new UsageException($"--inactivity-timeout \"{text}\" is not a duration like 90s, 45m, 2h, 1d or none");
            }

            using var store = CommandRunner.OpenStore(parse.GetValue(CliOptions.Database)!);
            store.SetInactivityTimeout(workspace, parsed);
            Console.WriteLine($"{workspace}: inactivity timeout {parsed}; run analytics refresh to apply it");
            return Task.FromResult(ExitCodes.Success);
        }));

        var list = new Command("list", "List the workspaces the store knows, with their settings");
        list.SetAction((parse, ct) => CommandRunner.Run(() =>
        {
            using var store = CommandRunner.OpenStore(parse.GetValue(CliOptions.Database)!, readOnly: true);
            var table = new Table().AddColumns("workspace", "inactivity timeout", "last refresh as of");
            foreach (var status in store.GetStatus())
            {
                table.AddRow(Markup.Escape(status.Workspace), status.InactivityTimeout.ToString(), TimeText.Of(status.AsOfUtc));
            }

            AnsiConsole.Write(table);
            return Task.FromResult(ExitCodes.Success);
        }));

        return new Command("workspace", "Workspace settings") { set, list };
    }
}
