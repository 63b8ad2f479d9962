using System.CommandLine;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Cli.Commands;

/// <summary><c>analytics query SQL --workspace ID [--format table|csv|json] [--csv-raw]</c>.</summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var sql = new Argument<string>("SQL") { Description = "One SELECT over sessions and deployments (WITH, joins, window functions allowed)" };
        var workspace = WorkspaceOption(required: false);
        workspace.Description += " (required, unless --server with --key names it)";
        var format = CliOptions.Format();
        var csvRaw = CliOptions.CsvRaw();
        var timeout = new Option<string>("--timeout")
        {
            Description = "Stop the query after this long: 30s (default), 2m…",
            HelpName = "DURATION",
            DefaultValueFactory = _ => "30s",
        };
        var server = new Option<string?>("--server")
        {
            Description = "Ask a running analytics serve at this address instead of opening the store (needs --key)",
            HelpName = "URL",
        };
        var key = new Option<string?>("--key") { Description = "A workspace key for --server", HelpName = "KEY" };
        var command = new Command("query", "Run read-only SQL as one workspace, over its sessions and deployments tables")
        {
            sql, workspace, format, csvRaw, timeout, server, key,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(server) is null && result.GetValue(workspace) is null)
            {
                result.AddError("Option '--workspace' is required (or --server with --key).");
            }

            if (result.GetValue(server) is not null && result.GetValue(key) is null)
            {
                result.AddError("--server needs --key: a workspace key made with analytics keys create");
            }

            if (result.GetValue(server) is not null && result.GetValue(csvRaw))
            {
                result.AddError("--csv-raw reads the store itself: a server always neutralises CSV formulas (use --format json for exact text)");
            }
        });
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            if (parse.GetValue(server) is { } url)
            {
                return await RemoteQuery.Run(url, parse.GetValue(key)!, parse.GetValue(sql)!, parse.GetValue(format), ct);
            }

            var id = ParseWorkspace(parse.GetValue(workspace)!);
            var limit = Durations.Parse(parse.GetValue(timeout)!, "--timeout");
            using var store = await CommandRunner.OpenStoreAsync(parse, new StoreOpenOptions { ReadOnly = true, QueryTimeout = limit }, null, ct);
            await using var stdout = Console.OpenStandardOutput();
            await store.QueryAsync(id, parse.GetValue(sql)!,
                reader => ResultWriter.WriteAsync(reader, parse.GetValue(format), stdout, CliOptions.Writing(parse.GetValue(csvRaw)), ct), ct);

            // Even a count answers (0): a misspelt workspace must not pass for an empty one.
            await EmptyWorkspace.NoteAsync(store, id, "note", ct);
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
