using System.CommandLine;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Storage;
using Spectre.Console;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics users add|list|remove|set-role|reset-password</c>: the people who sign in to the web tab with an email and
/// a password. Adding prints a one-time invitation link and resetting a one-time reset link, where the person sets a
/// password; nothing here sends email, so hand the link over yourself. While a server has a DuckDB store file open, manage
/// users from its web tab (Team) or API instead; a PostgreSQL store takes these commands at any time.
/// </summary>
internal static class UsersCommand
{
    public static Command Create() => new("users", "People who sign in with email and password: add (invite), list, remove, set-role, reset-password")
    {
        AddCommand(), ListCommand(), RemoveCommand(), SetRoleCommand(), ResetCommand(),
    };

    private static Option<string> EmailOption() => new("--email") { Description = "The person's email address", HelpName = "EMAIL", Required = true };

    private static Option<string> RoleOption(bool required) => new("--role")
    {
        Description = "viewer (overview, reports, tables), analyst (also SQL and saving queries) or admin (also people, keys, settings)",
        HelpName = "viewer|analyst|admin",
        Required = required,
        DefaultValueFactory = required ? null : _ => "viewer",
    };

    private static Option<string> UrlOption() => new("--url")
    {
        Description = $"The server's address as people reach it, for the link (default {ServeCommand.DefaultUrls})",
        HelpName = "URL",
        DefaultValueFactory = _ => ServeCommand.DefaultUrls,
    };

    private static Command AddCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: true);
        var (email, role, url) = (EmailOption(), RoleOption(required: false), UrlOption());
        var command = new Command("add", "Add a person to a workspace and print their one-time invitation link") { workspace, email, role, url };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var id = QueryCommand.ParseWorkspace(parse.GetValue(workspace)!);
            var chosen = ParseRole(parse.GetValue(role)!);
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            WorkspaceUser user;
            try
            {
                user = await store.AddUserAsync(id, parse.GetValue(email)!, chosen, ct);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message.Split(" (Parameter", 2)[0]);
            }
            catch (InvalidOperationException ex)
            {
                return CommandRunner.Fail(ex.Message, ExitCodes.Failure);
            }

            var link = await store.IssuePasswordLinkAsync(id, user.UserId, PasswordLinkKind.Invitation, TeamRules.InvitationLifetime, ct);
            await store.AuditAsync(id, AuditAction.UserInvited, user.UserId, user.Email, AccessNames.Of(user.Role), ct);
            Console.WriteLine($"added {user.Email} to workspace {id} as {AccessNames.Of(user.Role)}; send them this invitation link " +
                $"(it works once, until {TimeText.Of(link.ExpiresAtUtc)}):");
            Console.WriteLine(Link(parse.GetValue(url)!, link.Token));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: false);
        var command = new Command("list", "List people (email, workspace, role, state); never their passwords") { workspace };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var id = parse.GetValue(workspace) is { } text ? QueryCommand.ParseWorkspace(text) : (Core.Events.WorkspaceId?)null;
            using var store = await CommandRunner.OpenStoreAsync(parse, new StoreOpenOptions { ReadOnly = true }, null, ct);
            var users = await store.ListUsersAsync(id, ct);
            if (users.Count == 0)
            {
                Console.WriteLine(id is null ? "no users yet: add one with analytics users add --workspace ID --email EMAIL" : $"workspace {id} has no users");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("email", "workspace", "role", "state", "added");
            foreach (var user in users)
            {
                table.AddRow(Markup.Escape(user.Email), Markup.Escape(user.Workspace), AccessNames.Of(user.Role), user.HasPassword ? "active" : "invited",
                    TimeText.Of(user.CreatedAtUtc));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command RemoveCommand()
    {
        var email = EmailOption();
        var command = new Command("remove", "Remove a person: their sign-ins end at once") { email };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            if (await Find(store, parse.GetValue(email)!, ct) is not { } user)
            {
                return NoSuchUser(parse.GetValue(email)!);
            }

            await store.RemoveUserAsync(Core.Events.WorkspaceId.Parse(user.Workspace), user.UserId, ct);
            await store.AuditAsync(Core.Events.WorkspaceId.Parse(user.Workspace), AuditAction.UserRemoved, user.UserId, user.Email, cancellationToken: ct);
            Console.WriteLine($"removed {user.Email} from workspace {user.Workspace}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command SetRoleCommand()
    {
        var (email, role) = (EmailOption(), RoleOption(required: true));
        var command = new Command("set-role", "Change a person's role; it applies at their next request") { email, role };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var chosen = ParseRole(parse.GetValue(role)!);
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            if (await Find(store, parse.GetValue(email)!, ct) is not { } user)
            {
                return NoSuchUser(parse.GetValue(email)!);
            }

            await store.SetRoleAsync(Core.Events.WorkspaceId.Parse(user.Workspace), user.UserId, chosen, ct);
            await store.AuditAsync(
                Core.Events.WorkspaceId.Parse(user.Workspace), AuditAction.RoleChanged, user.UserId, user.Email, AccessNames.Of(chosen), ct);
            Console.WriteLine($"{user.Email} is now {AccessNames.Of(chosen)} in workspace {user.Workspace}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ResetCommand()
    {
        var (email, url) = (EmailOption(), UrlOption());
        var command = new Command("reset-password", "Print a one-time link where the person sets a new password (earlier links stop working)")
        {
            email, url,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            if (await Find(store, parse.GetValue(email)!, ct) is not { } user)
            {
                return NoSuchUser(parse.GetValue(email)!);
            }

            var link = await store.IssuePasswordLinkAsync(
                Core.Events.WorkspaceId.Parse(user.Workspace), user.UserId, PasswordLinkKind.Reset, TeamRules.ResetLifetime, ct);
            Console.WriteLine($"send {user.Email} this reset link (it works once, until {TimeText.Of(link.ExpiresAtUtc)}; their password stays " +
                "as it is until they use it):");
            Console.WriteLine(Link(parse.GetValue(url)!, link.Token));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<WorkspaceUser?> Find(IAnalyticsStore store, string email, CancellationToken ct) =>
        (await store.FindPasswordAsync(email, ct))?.User;

    private static int NoSuchUser(string email) => CommandRunner.Fail($"there is no user {email} (see analytics users list)", ExitCodes.Failure);

    private static WorkspaceRole ParseRole(string text) =>
        AccessNames.Role(text) ?? throw new UsageException($"--role \"{text}\" is not viewer, analyst or admin");

    // The first address when serve listens on several.
    private static string Link(string urls, string token) => urls.Split(';')[0].TrimEnd('/') + TeamRules.PasswordPath(token);
}
