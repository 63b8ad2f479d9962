using System.CommandLine;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Cli.Commands;

/// <summary><c>analytics rejects [--workspace ID] [--format table|csv|json] [--csv-raw]</c>.</summary>
internal static class RejectsCommand
{
    public static Command Create()
    {
        var workspace = QueryCommand.WorkspaceOption(required: false);
        var format = CliOptions.Format();
        var csvRaw = CliOptions.CsvRaw();
        var command = new Command("rejects", "List the kept rejections: when received, where from (file and line), the reason and the raw text")
        {
            workspace, format, csvRaw,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var id = parse.GetValue(workspace) is { } text ? QueryCommand.ParseWorkspace(text) : (Core.Events.WorkspaceId?)null;
            using var store = await CommandRunner.OpenStoreAsync(parse, new StoreOpenOptions { ReadOnly = true }, null, ct);
            await using var stdout = Console.OpenStandardOutput();
            await store.ReadRejectionsAsync(id,
                reader => ResultWriter.WriteAsync(reader, parse.GetValue(format), stdout, CliOptions.Writing(parse.GetValue(csvRaw)), ct), ct);
            return ExitCodes.Success;
        }));
        return command;
    }
}
