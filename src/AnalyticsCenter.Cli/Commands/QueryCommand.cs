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
        var command = new Command("query", "Run read-only SQL as one workspace, over its sessions and deployments tables") { sql, workspace, format };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var id = ParseWorkspace(parse.GetValue(workspace)!);
            using var store = CommandRunner.OpenStore(parse.GetValue(CliOptions.Database)!, readOnly: true);
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
