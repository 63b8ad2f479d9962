using System.CommandLine;
using System.Globalization;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Uploads;
using AnalyticsCenter.Query.Uploads;
using Spectre.Console;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics tables upload --workspace ID --name NAME FILE [--replace|--append] [--type col=type]…</c>,
/// <c>analytics tables list --workspace ID</c> and <c>analytics tables delete --workspace ID --name NAME</c>: tables a
/// workspace brings (ad spend, conversions, audience tags), which its SQL then reads by name next to sessions.
/// </summary>
internal static class TablesCommand
{
    public static Command Create() =>
        new("tables", "A workspace's own uploaded tables (CSV, Parquet, XLSX): upload, list, delete") { UploadCommand(), ListCommand(), DeleteCommand() };

    private static Option<string> NameOption() => new("--name")
    {
        Description = "The table's name in SQL: lower-case letters, digits and underscores, starting with a letter (e.g. ad_spend)",
        HelpName = "NAME",
        Required = true,
    };

    private static Command UploadCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: true);
        var name = NameOption();
        var file = new Argument<FileInfo>("FILE") { Description = "A .csv, .parquet or .xlsx file whose first row names the columns" };
        var replace = new Option<bool>("--replace") { Description = "Replace the table if the workspace has one of this name" };
        var append = new Option<bool>("--append") { Description = "Add the rows to the workspace's table of this name (same columns and types)" };
        var types = new Option<string[]>("--type")
        {
            Description = $"A column's type instead of the inferred one, as column=type ({string.Join(", ", UploadColumnTypes.Names)}); repeatable",
            HelpName = "COLUMN=TYPE",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("upload", "Upload a table for a workspace, all or nothing") { workspace, name, file, replace, append, types };
        command.Validators.Add(result =>
        {
            if (result.GetValue(replace) && result.GetValue(append))
            {
                result.AddError("--replace and --append cannot be used together");
            }
        });
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var id = QueryCommand.ParseWorkspace(parse.GetValue(workspace)!);
            var path = parse.GetValue(file)!;
            var mode = parse.GetValue(replace) ? UploadMode.Replace : parse.GetValue(append) ? UploadMode.Append : UploadMode.Create;
            var limits = new UploadLimits();
            UploadedTable table;
            await using (var input = path.OpenRead())
            {
                table = await UploadReader.ReadAsync(
                    input, UploadFormats.Parse(path.Name), parse.GetValue(name)!, UploadColumnTypes.ParseOverrides(parse.GetValue(types) ?? []), limits, ct);
            }

            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            var stored = await store.UploadAsync(id, table, mode, limits, ct);
            await store.AuditAsync(id, AuditAction.UploadKept, objectName: stored.Name, detail: mode.ToString().ToLowerInvariant(), cancellationToken: ct);
            Console.WriteLine(
                $"{(mode == UploadMode.Append ? "appended" : "stored")} {table.Rows.Count:N0} rows to table {stored.Name} of workspace {id} " +
                $"(now {stored.Rows:N0} rows, {stored.Bytes:N0} bytes): " +
                UploadColumnTypes.Describe(stored.Columns).Replace(",", ", ", StringComparison.Ordinal));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: true);
        var command = new Command("list", "List a workspace's uploaded tables: columns, rows, bytes, time") { workspace };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var id = QueryCommand.ParseWorkspace(parse.GetValue(workspace)!);
            using var store = await CommandRunner.OpenStoreAsync(parse, new StoreOpenOptions { ReadOnly = true }, null, ct);
            var uploads = await store.ListUploadsAsync(id, ct);
            if (uploads.Count == 0)
            {
                Console.WriteLine($"workspace {id} has no uploaded tables: add one with analytics tables upload --workspace {id} --name NAME FILE");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("name", "columns", "rows", "bytes", "uploaded");
            foreach (var upload in uploads)
            {
                table.AddRow(
                    upload.Name, Markup.Escape(UploadColumnTypes.Describe(upload.Columns).Replace(",", ", ", StringComparison.Ordinal)),
                    upload.Rows.ToString("N0", CultureInfo.InvariantCulture), upload.Bytes.ToString("N0", CultureInfo.InvariantCulture),
                    TimeText.Of(upload.UploadedAtUtc));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command DeleteCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: true);
        var name = NameOption();
        var command = new Command("delete", "Delete one of a workspace's uploaded tables") { workspace, name };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var id = QueryCommand.ParseWorkspace(parse.GetValue(workspace)!);
            var table = parse.GetValue(name)!;
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            if (!await store.DeleteUploadAsync(id, table, ct))
            {
                return CommandRunner.Fail($"workspace {id} has no table {table} (see analytics tables list --workspace {id})", ExitCodes.Failure);
            }

            await store.AuditAsync(id, AuditAction.UploadDeleted, objectName: table, cancellationToken: ct);
            return Print($"deleted table {table} of workspace {id}");
        }));
        return command;
    }

    private static int Print(string line)
    {
        Console.WriteLine(line);
        return ExitCodes.Success;
    }
}
