using System.CommandLine;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using Spectre.Console;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics keys create --workspace ID [--name N] [--scope read|ingest|admin]</c>, <c>analytics keys list [--workspace ID]</c>
/// and <c>analytics keys revoke KEY_ID</c>: workspace API keys. A key's secret is printed once, at creation; the store keeps
/// only a salted hash, so nothing here can show it again.
/// </summary>
internal static class KeysCommand
{
    public static Command Create() => new("keys", "Workspace API keys: create, list, revoke") { CreateCommand(), ListCommand(), RevokeCommand() };

    private static Command CreateCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: true);
        var name = new Option<string>("--name")
        {
            Description = "A label to tell keys apart, e.g. where the key is used (default: key)",
            HelpName = "NAME",
            DefaultValueFactory = _ => "key",
        };
        var scope = new Option<string>("--scope")
        {
            Description = "What the key may do: read (query, the default), ingest (post events) or admin (everything)",
            HelpName = "read|ingest|admin",
            DefaultValueFactory = _ => "read",
        };
        var command = new Command("create", "Create a key for a workspace and print it, once") { workspace, name, scope };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var id = QueryCommand.ParseWorkspace(parse.GetValue(workspace)!);
            var label = parse.GetValue(name)!;
            if (string.IsNullOrWhiteSpace(label))
            {
                throw new UsageException("--name must not be blank");
            }

            var keyScope = ParseScope(parse.GetValue(scope)!);
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            var created = await store.CreateKeyAsync(id, label, keyScope, ct);
            await store.AuditAsync(id, AuditAction.ApiKeyCreated, created.Info.KeyId, label, ScopeText(keyScope), ct);
            await EmptyWorkspace.NoteAsync(store, id, "warning", ct);
            Console.WriteLine($"created key {created.Info.KeyId} for workspace {id} (scope {ScopeText(keyScope)}, name \"{label}\"):");
            Console.WriteLine(created.Key);
            Console.WriteLine("copy it now: it will not be shown again (the store keeps only a hash of it); revoke it with analytics keys revoke " +
                created.Info.KeyId);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: false);
        var command = new Command("list", "List keys (id, workspace, name, scope, created, revoked); never their secrets") { workspace };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var id = parse.GetValue(workspace) is { } text ? QueryCommand.ParseWorkspace(text) : (Core.Events.WorkspaceId?)null;
            using var store = await CommandRunner.OpenStoreAsync(parse, new StoreOpenOptions { ReadOnly = true }, null, ct);
            var keys = await store.ListKeysAsync(id, ct);
            if (keys.Count == 0)
            {
                Console.WriteLine(id is null
                    ? "the store has no keys yet: create one with analytics keys create --workspace ID"
                    : $"workspace {id} has no keys");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("id", "workspace", "name", "scope", "created", "revoked");
            foreach (var key in keys)
            {
                table.AddRow(
                    key.KeyId, Markup.Escape(key.Workspace), Markup.Escape(key.Name), ScopeText(key.Scope), TimeText.Of(key.CreatedAtUtc),
                    key.RevokedAtUtc is { } revoked ? TimeText.Of(revoked) : "-");
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command RevokeCommand()
    {
        var keyId = new Argument<string>("KEY_ID") { Description = "The key's id, as keys list shows it (not the key itself)" };
        var command = new Command("revoke", "Revoke a key for good: it stops authenticating at once") { keyId };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var text = parse.GetValue(keyId)!;

            // Someone may paste the whole key; its id is the part between the prefix and the secret.
            var id = ApiKeyFormat.Parse(text)?.KeyId ?? text;
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            var revoked = (await store.ListKeysAsync(null, ct)).FirstOrDefault(k => k.KeyId == id);
            if (await store.RevokeKeyAsync(id, ct))
            {
                await store.AuditAsync(WorkspaceId.Parse(revoked!.Workspace), AuditAction.ApiKeyRevoked, id, revoked.Name, cancellationToken: ct);
                Console.WriteLine($"revoked key {id}");
                return ExitCodes.Success;
            }

            var known = (await store.ListKeysAsync(cancellationToken: ct)).FirstOrDefault(k => string.Equals(k.KeyId, id, StringComparison.Ordinal));
            return known?.RevokedAtUtc is { } at
                ? CommandRunner.Fail($"key {id} was already revoked at {TimeText.Of(at)}", ExitCodes.Failure)
                : CommandRunner.Fail($"there is no key {id} (see analytics keys list)", ExitCodes.Failure);
        }));
        return command;
    }

    private static KeyScope ParseScope(string text) =>
        AccessNames.Scope(text) ?? throw new UsageException($"--scope \"{text}\" is not read, ingest or admin");

    private static string ScopeText(KeyScope scope) => AccessNames.Of(scope);
}
