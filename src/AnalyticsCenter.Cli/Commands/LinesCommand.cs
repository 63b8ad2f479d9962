using System.CommandLine;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.WhatsApp;
using Spectre.Console;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics lines add|link|list</c>: the WhatsApp Business numbers whose Cloud API webhooks the server accepts, the
/// workspace each belongs to, how its messages become events (display name, default inbound flow) and its WhatsApp-link
/// campaign codes.
/// </summary>
internal static class LinesCommand
{
    public static Command Create() =>
        new("lines", "WhatsApp lines whose Cloud API webhooks become events: add, link, list") { AddCommand(), LinkCommand(), ListCommand() };

    private static Option<string> PhoneNumberIdOption() => new("--phone-number-id")
    {
        Description = "Meta's id of the number (WhatsApp Manager, or the webhooks' metadata.phone_number_id)",
        Required = true,
        HelpName = "ID",
    };

    private static Command AddCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: true);
        var phoneNumberId = PhoneNumberIdOption();
        var number = new Option<string>("--number")
        {
            Description = "The number with country code, e.g. +1 555 078 3881",
            Required = true,
            HelpName = "NUMBER"
        };
        var displayName = new Option<string>("--display-name") { Description = "The name users see as the sender", Required = true, HelpName = "NAME" };
        var conversation = new Option<string?>("--default-conversation")
        {
            Description = "The flow a message that starts a session is routed to, as ID:VERSION (default: none)",
            HelpName = "ID:VERSION",
        };
        var command = new Command("add", "Add a line, or change the settings of the one with this phone number id")
        {
            workspace, phoneNumberId, number, displayName, conversation,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var line = new WhatsAppLine
            {
                Workspace = QueryCommand.ParseWorkspace(parse.GetValue(workspace)!),
                PhoneNumberId = ParsePhoneNumberId(parse.GetValue(phoneNumberId)!),
                Number = ParseNumber(parse.GetValue(number)!),
                DisplayName = NonBlank(parse.GetValue(displayName)!, "--display-name"),
                DefaultConversation = parse.GetValue(conversation) is { } text
                    ? ConversationRef.Parse(text) ?? throw new UsageException($"--default-conversation \"{text}\" is not ID:VERSION, e.g. conv_welcome:3")
                    : null,
            };
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            await store.SaveLineAsync(line, ct);
            Console.WriteLine($"line {line.PhoneNumberId} (+{line.Number}, \"{line.DisplayName}\") belongs to workspace {line.Workspace}; " +
                (line.DefaultConversation is { } c ? $"sessions it starts go to {c.Id} version {c.Version}" : "sessions it starts have no conversation"));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command LinkCommand()
    {
        var phoneNumberId = PhoneNumberIdOption();
        var code = new Option<string>("--code")
        {
            Description =
                "Text the WhatsApp link prefills (or a distinctive part of it, e.g. [BF26-IG]); a message containing it, ignoring case, is attributed",
            Required = true,
            HelpName = "TEXT",
        };
        var campaign = new Option<string>("--campaign") { Description = "The campaign's name", Required = true, HelpName = "NAME" };
        var source = new Option<string?>("--source")
        {
            Description = "Where the link was placed: instagram, facebook, google… (default: none)",
            HelpName = "SOURCE"
        };
        var command = new Command("link", "Attribute messages carrying a WhatsApp link's prefilled code to its campaign")
        {
            phoneNumberId, code, campaign, source
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var id = ParsePhoneNumberId(parse.GetValue(phoneNumberId)!);
            var linkCode = new WhatsAppLinkCode(
                NonBlank(parse.GetValue(code)!, "--code"), NonBlank(parse.GetValue(campaign)!, "--campaign"),
                parse.GetValue(source) is { } s ? NonBlank(s, "--source") : null);
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            if (!await store.SaveLinkCodeAsync(id, linkCode, ct))
            {
                return CommandRunner.Fail($"there is no line {id}: add it first with analytics lines add", ExitCodes.Failure);
            }

            Console.WriteLine($"messages to line {id} containing \"{linkCode.Code}\" are attributed to campaign \"{linkCode.CampaignName}\"" +
                (linkCode.CampaignSource is { } from ? $" from {from}" : ""));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: false);
        var command = new Command("list", "List lines: phone number id, workspace, number, display name, default flow, link codes") { workspace };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var id = parse.GetValue(workspace) is { } text ? QueryCommand.ParseWorkspace(text) : (WorkspaceId?)null;
            using var store = await CommandRunner.OpenStoreAsync(parse, new StoreOpenOptions { ReadOnly = true }, null, ct);
            var lines = await store.ListLinesAsync(id, ct);
            if (lines.Count == 0)
            {
                Console.WriteLine(id is null ? "no lines yet: add one with analytics lines add" : $"workspace {id} has no lines");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("phone number id", "workspace", "number", "display name", "default conversation", "link codes");
            foreach (var line in lines)
            {
                table.AddRow(
                    line.PhoneNumberId, Markup.Escape(line.Workspace.Value), "+" + line.Number, Markup.Escape(line.DisplayName),
                    Markup.Escape(line.DefaultConversation?.ToString() ?? "-"),
                    line.LinkCodes.Count == 0 ? "-" : Markup.Escape(string.Join(
                        "; ", line.LinkCodes.Select(c => $"{c.Code} → {c.CampaignName}" + (c.CampaignSource is { } s ? $" ({s})" : "")))));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string ParsePhoneNumberId(string text) =>
        text.Length is > 0 and <= 32 && text.All(char.IsAsciiDigit)
            ? text
            : throw new UsageException($"--phone-number-id \"{text}\" is not Meta's numeric phone number id (not the number itself; see WhatsApp Manager)");

    /// <summary>Digits with country code; a leading +, spaces and dashes are tolerated, as in events.</summary>
    private static string ParseNumber(string text)
    {
        Span<char> digits = stackalloc char[32];
        return PhoneDigits.TryLineNumber(text.Trim(), digits, out var length)
            ? digits[..length].ToString()
            : throw new UsageException($"--number \"{text}\" is not a phone number with country code");
    }

    private static string NonBlank(string text, string option) =>
        string.IsNullOrWhiteSpace(text) ? throw new UsageException($"{option} must not be blank") : text.Trim();
}
