using System.CommandLine;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using Spectre.Console;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics audit --workspace W [--since 7d|TIME] [--limit N]</c>: a workspace's audit log, newest first: who did what,
/// when, to what, and how it ended.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(TimeProvider time)
    {
        var workspace = QueryCommand.WorkspaceOption(required: true);
        var since = new Option<string?>("--since")
        {
            Description = "Only entries since a time (2026-11-20T08:00:00Z) or for a while back (90m, 24h, 7d)",
            HelpName = "WHEN",
        };
        var limit = new Option<int>("--limit")
        {
            Description = $"How many, newest first (default 50, at most {AuditEntry.MaxPage})",
            DefaultValueFactory = _ => 50,
            HelpName = "N",
        };
        var command = new Command("audit", "A workspace's audit log, newest first: who did what, when, to what, and how it ended")
        {
            workspace, since, limit,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            if (parse.GetValue(limit) is < 1 or > AuditEntry.MaxPage)
            {
                throw new UsageException($"--limit must be 1 to {AuditEntry.MaxPage}");
            }

            var from = parse.GetValue(since) is { } text ? Since(text, time) : (DateTime?)null;
            var id = QueryCommand.ParseWorkspace(parse.GetValue(workspace)!);
            using var store = await CommandRunner.OpenStoreAsync(parse, new StoreOpenOptions { ReadOnly = true }, null, ct);
            var entries = await store.ReadAuditAsync(id, from, null, parse.GetValue(limit), ct);
            if (entries.Count == 0)
            {
                Console.WriteLine($"workspace {id} has no audit entries{(from is null ? "" : " in that time")}");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("when", "who", "action", "object", "outcome", "detail");
            foreach (var entry in entries)
            {
                var what = entry.What;
                var thing = what.ObjectName.Length > 0 && what.ObjectId.Length > 0 ? $"{what.ObjectName} ({what.ObjectId})" : what.ObjectName + what.ObjectId;
                table.AddRow(TimeText.Of(entry.AtUtc), Markup.Escape(what.Actor.ToString()), what.Action.ToString(), Markup.Escape(thing),
                    what.Outcome.ToString().ToLowerInvariant(), Markup.Escape(what.Detail));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>A time as written, or that long before now.</summary>
    private static DateTime Since(string text, TimeProvider time) =>
        Instants.TryParse(text, out var utc, out _) ? utc : time.GetUtcNow().UtcDateTime - Durations.Parse(text, "--since");
}
