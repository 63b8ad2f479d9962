using System.CommandLine;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Embed;
using Spectre.Console;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics embed keys add|list|revoke --host NAME</c>: the keys a host platform signs embed tokens with (HS256, the
/// key's id as <c>kid</c>, the host's name as <c>iss</c>). A key made here may open any workspace unless <c>--workspace</c>
/// names one; a workspace admin's key (API) opens that workspace only. The secret is printed once. A host keeps two
/// active keys at once, to rotate: add the new one, move the signer to it, revoke the old one.
/// </summary>
internal static class EmbedCommand
{
    public static Command Create() => new("embed", "Embedding the web tab in a host platform")
    {
        new Command("keys", "Keys host platforms sign embed tokens with: add, list, revoke") { AddCommand(), ListCommand(), RevokeCommand() },
    };

    private static Option<string> HostOption() => new("--host")
    {
        Description = "The host platform's name: its tokens carry it as iss",
        HelpName = "NAME",
        Required = true,
    };

    private static IEmbedKeys Keys(IAnalyticsStore store) =>
        store as IEmbedKeys ?? throw new UsageException("this store keeps no embed keys");

    private static Command AddCommand()
    {
        var (host, workspace) = (HostOption(), QueryCommand.WorkspaceOption(required: false));
        var command = new Command("add", "Add a signing key for a host and print its secret, once (two may be active at once)") { host, workspace };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var only = parse.GetValue(workspace) is { } text ? QueryCommand.ParseWorkspace(text) : (WorkspaceId?)null;
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            CreatedEmbedKey created;
            try
            {
                created = await Keys(store).AddEmbedKeyAsync(parse.GetValue(host)!, only, ct);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message.Split(" (Parameter", 2)[0]);
            }
            catch (InvalidOperationException ex)
            {
                return CommandRunner.Fail(ex.Message, ExitCodes.Failure);
            }

            if (only is { } keyWorkspace)
            {
                await store.AuditAsync(keyWorkspace, AuditAction.EmbedKeyCreated, created.Key.KeyId, created.Key.Host, cancellationToken: ct);
            }

            Console.WriteLine($"added embed key {created.Key.KeyId} for host {created.Key.Host} ({(only is null ? "any workspace" : $"workspace {only}")}); " +
                "its secret (sign HS256 with its UTF-8 bytes):");
            Console.WriteLine(created.Secret);
            Console.WriteLine($"tokens carry kid = {created.Key.KeyId}, iss = {created.Key.Host}, aud = {new EmbedSettings().Audience} (unless serve sets " +
                "--embed-audience); copy the secret now: it will not be shown again");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: false);
        var command = new Command("list", "List embed keys (id, host, workspace, created, revoked); never their secrets") { workspace };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var only = parse.GetValue(workspace) is { } text ? QueryCommand.ParseWorkspace(text) : (WorkspaceId?)null;
            using var store = await CommandRunner.OpenStoreAsync(parse, new StoreOpenOptions { ReadOnly = true }, null, ct);
            var keys = await Keys(store).ListEmbedKeysAsync(only, ct);
            if (keys.Count == 0)
            {
                Console.WriteLine("no embed keys yet: add one with analytics embed keys add --host NAME");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("id", "host", "workspace", "created", "revoked");
            foreach (var key in keys)
            {
                table.AddRow(key.KeyId, Markup.Escape(key.Host), Markup.Escape(key.Workspace ?? "any"), TimeText.Of(key.CreatedAtUtc),
                    key.RevokedAtUtc is { } revoked ? TimeText.Of(revoked) : "-");
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command RevokeCommand()
    {
        var host = HostOption();
        var key = new Option<string>("--key") { Description = "The key's id (analytics embed keys list)", HelpName = "KEY_ID", Required = true };
        var command = new Command("revoke", "Revoke an embed key: its tokens are refused and the sessions they opened end") { host, key };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            if (!await Keys(store).RevokeEmbedKeyAsync(parse.GetValue(host)!, parse.GetValue(key)!, null, ct))
            {
                return CommandRunner.Fail($"host {parse.GetValue(host)} has no active embed key {parse.GetValue(key)}", ExitCodes.Failure);
            }

            Console.WriteLine($"revoked embed key {parse.GetValue(key)} of host {parse.GetValue(host)}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
