using System.CommandLine;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Cli.Commands;

/// <summary><c>analytics query SQL --workspace ID [--format table|csv|json]</c>.</summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var sql = new Argument<string>("SQL") { Description = "One SELECT over sessions and deployments (WITH, joins, window functions allowed)" };
        var workspace = WorkspaceOption(required: true);
        var format = CliOptions.Format();
        var timeout = new Option<string>("--timeout")
        {
            Description = "Stop the query after this long: 30s (default), 2m…",
            HelpName = "DURATION",
            DefaultValueFactory = _ => "30s",
        };
        var command = new Command("query", "Run read-only SQL as one workspace, over its sessions and deployments tables") { sql, workspace, format, timeout };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var id = ParseWorkspace(parse.GetValue(workspace)!);
            var limit = Durations.Parse(parse.GetValue(timeout)!, "--timeout");
            using var store = Storage.DuckDb.DuckDbStore.Open(
                parse.GetValue(CliOptions.Database)!, new Storage.DuckDb.DuckDbStoreOptions { ReadOnly = true, QueryTimeout = limit });
            await using var stdout = Console.OpenStandardOutput();
            await store.QueryAsync(id, parse.GetValue(sql)!, reader => ResultWriter.WriteAsync(reader, parse.GetValue(format), stdout, null, ct), ct);
            return ExitCodes.Success;
        }));
        return command;
    }

    public static Option<string> WorkspaceOption(bool required) => new("--workspace")
    {
        Description = "The workspace (tenant) id",
        Required = required,
        HelpName = "ID",
    };

    public static WorkspaceId ParseWorkspace(string text) =>
        WorkspaceId.TryParse(text, out var id) ? id : throw new UsageException($"workspace \"{text}\" is not 1–64 characters of A-Z a-z 0-9 _ -");
}
