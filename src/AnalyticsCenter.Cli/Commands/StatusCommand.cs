using System.CommandLine;
using AnalyticsCenter.Cli.Stores;
using Spectre.Console;

namespace AnalyticsCenter.Cli.Commands;

/// <summary><c>analytics status [--workspace ID]</c>.</summary>
internal static class StatusCommand
{
    public static Command Create(TimeProvider time)
    {
        var workspace = QueryCommand.WorkspaceOption(required: false);
        var command = new Command("status",
            "Per workspace: how fresh the tables are (the last refresh and its as-of time), row counts, events waiting, " +
            "statuses pending their deployment")
        {
            workspace,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var id = parse.GetValue(workspace) is { } text ? QueryCommand.ParseWorkspace(text) : (Core.Events.WorkspaceId?)null;
            using var store = await CommandRunner.OpenStoreAsync(parse, new StoreOpenOptions { ReadOnly = true }, null, ct);
            var statuses = await store.GetStatusAsync(id, ct);
            Console.WriteLine($"store: {store.Description}");
            if (statuses.Count == 0)
            {
                Console.WriteLine(id is null ? "the store has no workspaces yet: ingest events first" : $"the store knows no workspace {id}");
                return id is null ? ExitCodes.Success : ExitCodes.Failure;
            }

            var table = new Table().AddColumns(
                "workspace", "as of", "refreshed at", "sessions", "deployments", "events waiting", "statuses pending", "inactivity timeout");
            foreach (var s in statuses)
            {
                table.AddRow(
                    Markup.Escape(s.Workspace), TimeText.Of(s.AsOfUtc), TimeText.Of(s.RefreshedAtUtc), $"{s.Sessions:N0}", $"{s.Deployments:N0}",
                    $"{s.EventsWaiting:N0}", $"{s.StatusesPending:N0}", s.InactivityTimeout.ToString());
            }

            AnsiConsole.Write(table);
            var now = time.GetUtcNow();
            foreach (var s in statuses)
            {
                Console.WriteLine($"{s.Workspace}: {Freshness.Describe(s.RefreshedAtUtc, s.AsOfUtc, now)}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
