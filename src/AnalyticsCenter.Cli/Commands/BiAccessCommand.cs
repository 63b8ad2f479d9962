using System.CommandLine;
using System.Data;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics bi-access grant --workspace ID [--name N]</c>, <c>bi-access list [--format …]</c> and <c>bi-access revoke NAME</c>:
/// database logins a BI tool (psql, Metabase, Power BI…) connects with directly, each reading one workspace's tables. The
/// password is printed once, inside the connection URL; the store does not keep it.
/// </summary>
internal static class BiAccessCommand
{
    /// <summary>Why a DuckDB store refuses: the same words from every subcommand.</summary>
    public const string NeedsPostgres = "BI access needs a PostgreSQL store (--db postgresql://…): a DuckDB file has no network logins";

    public static Command Create() =>
        new("bi-access", "Direct database logins for BI tools, one workspace each (PostgreSQL stores only): grant, list, revoke")
        {
            GrantCommand(), ListCommand(), RevokeCommand(),
        };

    private static Command GrantCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: true);
        var name = new Option<string>("--name")
        {
            Description = "The login's name, 1–63 characters of a-z 0-9 _ - (default WORKSPACE-bi, lowercased, made unique)",
            HelpName = "NAME",
        };
        var command = new Command("grant", "Create a read-only login for a workspace's sessions and deployments and print its URL, once") { workspace, name };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var id = QueryCommand.ParseWorkspace(parse.GetValue(workspace)!);
            var (store, bi) = await OpenAsync(parse, ct);
            using (store)
            {
                var taken = (await bi.ListBiAccessAsync(ct)).Select(known => known.Name).ToList();
                var label = parse.GetValue(name) ?? BiAccessNames.Default(id, taken);
                if (!BiAccessNames.IsValid(label))
                {
                    throw new UsageException("--name: " + BiAccessNames.Malformed(label));
                }

                if (taken.Contains(label))
                {
                    return CommandRunner.Fail(BiAccessNames.Taken(label), ExitCodes.Failure);
                }

                var grant = await bi.GrantBiAccessAsync(id, label, ct);
                await store.AuditAsync(id, AuditAction.BiAccessGranted, objectName: grant.Info.Name, cancellationToken: ct);

                Console.WriteLine($"granted BI access \"{grant.Info.Name}\" to workspace {id}: it reads that workspace's sessions and deployments, read-only");
                Console.WriteLine(grant.ConnectionUrl);
                Console.WriteLine("copy it now: the password will not be shown again (the store does not keep it); " +
                    $"revoke it with analytics bi-access revoke {grant.Info.Name}");
                Console.WriteLine($"for example: psql \"{grant.ConnectionUrl}\" -c \"SELECT count(*) FROM sessions\"");
                return ExitCodes.Success;
            }
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var format = CliOptions.Format();
        var command = new Command("list", "List BI logins (name, workspace, role, created); never their passwords") { format };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var (store, bi) = await OpenAsync(parse, ct);
            using (store)
            {
                using var table = new DataTable();
                table.Columns.Add("name", typeof(string));
                table.Columns.Add("workspace", typeof(string));
                table.Columns.Add("role", typeof(string));
                table.Columns.Add("created", typeof(DateTime));
                foreach (var login in await bi.ListBiAccessAsync(ct))
                {
                    table.Rows.Add(login.Name, login.Workspace, login.Role, login.CreatedAtUtc);
                }

                await using var stdout = Console.OpenStandardOutput();
                using var reader = table.CreateDataReader();
                await ResultWriter.WriteAsync(reader, parse.GetValue(format), stdout, null, ct);
                return ExitCodes.Success;
            }
        }));
        return command;
    }

    private static Command RevokeCommand()
    {
        var name = new Argument<string>("NAME") { Description = "The login's name, as bi-access list shows it" };
        var command = new Command("revoke", "Drop a BI login for good: it cannot connect again, and its open sessions end") { name };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var label = parse.GetValue(name)!;
            var (store, bi) = await OpenAsync(parse, ct);
            using (store)
            {
                var login = (await bi.ListBiAccessAsync(ct)).FirstOrDefault(known => known.Name == label);
                if (login is null || !await bi.RevokeBiAccessAsync(label, ct))
                {
                    return CommandRunner.Fail($"there is no BI access \"{label}\" (see analytics bi-access list)", ExitCodes.Failure);
                }

                await store.AuditAsync(WorkspaceId.Parse(login.Workspace), AuditAction.BiAccessRevoked, objectName: label, cancellationToken: ct);
                return Revoked(label);
            }
        }));
        return command;
    }

    private static int Revoked(string name)
    {
        Console.WriteLine($"revoked BI access \"{name}\": it can no longer connect");
        return ExitCodes.Success;
    }

    /// <summary>The store and its BI logins; a DuckDB file is refused before it is opened (or created).</summary>
    /// <exception cref="UsageException">The store is not one with network logins.</exception>
    private static async Task<(IAnalyticsStore Store, IBiAccess Bi)> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        if (CliOptions.Target(parse).FilePath is not null)
        {
            throw new UsageException(NeedsPostgres);
        }

        var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
        if (store is IBiAccess bi)
        {
            return (store, bi);
        }

        store.Dispose();
        throw new UsageException(NeedsPostgres);
    }
}
