using System.CommandLine;
using System.Text.Json;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.Subscriptions;
using AnalyticsCenter.Web;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics subscriptions add|list|remove|run-now|history</c>: a saved query or ready report delivered on a schedule by
/// email or signed webhook. <c>serve</c> sends the scheduled slots; <c>run-now</c> sends one here, with the SMTP settings of
/// <c>--settings FILE</c> or the environment (<c>Subscriptions__Smtp__Host</c>…), as <c>serve</c> reads them.
/// </summary>
internal static class SubscriptionsCommand
{
    public static Command Create() => new("subscriptions", "Deliver a saved query or report on a schedule, by email or webhook")
    {
        AddCommand(), ListCommand(), RemoveCommand(), RunNowCommand(), HistoryCommand(),
    };

    private static Command AddCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: true);
        var name = new Option<string>("--name") { Description = "A name for people", Required = true, HelpName = "NAME" };
        var savedQuery = new Option<string?>("--saved-query") { Description = "The saved query's id to deliver", HelpName = "ID" };
        var report = new Option<string?>("--report") { Description = "The ready report to deliver", HelpName = "NAME" };
        var parameters = new Option<string[]>("--param")
        {
            Description = "A report filter, name=value (repeat for more), as in the report's query string",
            HelpName = "NAME=VALUE",
            AllowMultipleArgumentsPerToken = false,
        };
        var schedule = new Option<string>("--schedule")
        {
            Description = "\"daily 08:00\", \"weekly mon 08:00\" or a cron expression, in the workspace's time zone",
            Required = true,
            HelpName = "WHEN",
        };
        var email = new Option<string?>("--email") { Description = "Comma-separated addresses to email", HelpName = "ADDRESSES" };
        var webhook = new Option<string?>("--webhook") { Description = "The URL to POST signed JSON to", HelpName = "URL" };
        var command = new Command("add", "Subscribe to a saved query or report; prints a webhook's signing secret once")
        {
            workspace, name, savedQuery, report, parameters, schedule, email, webhook,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var (query, reportName) = (parse.GetValue(savedQuery), parse.GetValue(report));
            var (emailTo, hookUrl) = (parse.GetValue(email), parse.GetValue(webhook));
            if ((query is null) == (reportName is null) || (emailTo is null) == (hookUrl is null))
            {
                throw new UsageException("name one of --saved-query and --report, and one of --email and --webhook");
            }

            var request = new NewSubscription(QueryCommand.ParseWorkspace(parse.GetValue(workspace)!), parse.GetValue(name)!,
                query is null ? SourceKind.Report : SourceKind.SavedQuery, query ?? reportName!, ReportParameters(parse.GetValue(parameters)),
                parse.GetValue(schedule)!,
                emailTo is null ? ChannelKind.Webhook : ChannelKind.Email, emailTo ?? hookUrl!, CliAudit.Actor);
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            if (await SubscriptionRequestCheck.ProblemAsync(request, store, ct) is { } problem)
            {
                throw new UsageException(problem);
            }

            var added = await store.AddSubscriptionAsync(request, ct);
            await store.AuditAsync(request.Workspace, AuditAction.SubscriptionAdded, added.Id, added.Request.Name, cancellationToken: ct);
            Console.WriteLine(
                $"added subscription {added.Id} for workspace {request.Workspace}: {request.Schedule} by {request.Channel.ToString().ToLowerInvariant()}");
            return PrintSecret(added.Secret);
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: false);
        var command = new Command("list", "List subscriptions (id, workspace, name, source, schedule, channel, target)") { workspace };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var id = parse.GetValue(workspace) is { } text ? QueryCommand.ParseWorkspace(text) : (Core.Events.WorkspaceId?)null;
            using var store = await CommandRunner.OpenStoreAsync(parse, new StoreOpenOptions { ReadOnly = true }, null, ct);
            var subscriptions = await store.ListSubscriptionsAsync(id, ct);
            if (subscriptions.Count == 0)
            {
                Console.WriteLine("no subscriptions yet: add one with analytics subscriptions add");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("id", "workspace", "name", "source", "schedule", "channel", "target", "created", "by");
            foreach (var subscription in subscriptions)
            {
                var r = subscription.Request;
                table.AddRow(subscription.Id, Markup.Escape(r.Workspace.Value), Markup.Escape(r.Name),
                    Markup.Escape(r.Source == SourceKind.Report ? $"report {r.SourceRef} {r.Parameters}" : $"saved query {r.SourceRef}"),
                    Markup.Escape(r.Schedule), r.Channel.ToString().ToLowerInvariant(), Markup.Escape(r.Target), TimeText.Of(subscription.CreatedAtUtc),
                    Markup.Escape(r.CreatedBy?.ToString() ?? ""));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command RemoveCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: true);
        var id = new Argument<string>("SUBSCRIPTION_ID") { Description = "The subscription's id, as list shows it" };
        var command = new Command("remove", "Remove a subscription and its delivery history") { workspace, id };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            var workspaceId = QueryCommand.ParseWorkspace(parse.GetValue(workspace)!);
            if (!await store.RemoveSubscriptionAsync(workspaceId, parse.GetValue(id)!, ct))
            {
                return CommandRunner.Fail(
                    $"workspace {workspaceId} has no subscription {parse.GetValue(id)} (see analytics subscriptions list)", ExitCodes.Failure);
            }

            await store.AuditAsync(workspaceId, AuditAction.SubscriptionRemoved, parse.GetValue(id)!, cancellationToken: ct);
            return Done($"removed subscription {parse.GetValue(id)}");
        }));
        return command;
    }

    private static Command RunNowCommand()
    {
        var id = new Argument<string>("SUBSCRIPTION_ID") { Description = "The subscription's id, as list shows it" };
        var settings = new Option<FileInfo?>("--settings") { Description = "The JSON settings file serve uses (Subscriptions:Smtp…)", HelpName = "FILE" };
        var command = new Command("run-now", "Deliver a subscription now, whatever its schedule, and say how it went") { id, settings };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables();
            if (parse.GetValue(settings) is { } file)
            {
                configuration.AddJsonFile(file.FullName, optional: false);
            }

            var config = configuration.Build();
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            var subscription = (await store.ListSubscriptionsAsync(null, ct)).FirstOrDefault(s => s.Id == parse.GetValue(id));
            if (subscription is null)
            {
                return CommandRunner.Fail($"there is no subscription {parse.GetValue(id)} (see analytics subscriptions list)", ExitCodes.Failure);
            }

            using var http = new HttpClient();
            var scheduler = SubscriptionScheduler.Create(
                store, SubscriptionServices.Options(config), SubscriptionServices.Smtp(config), http, TimeProvider.System);
            var delivery = await scheduler.RunNowAsync(subscription, ct);
            await store.AuditAsync(subscription.Request.Workspace, AuditAction.SubscriptionRunNow, subscription.Id, subscription.Request.Name,
                delivery.Status.ToString().ToLowerInvariant(), ct);
            return delivery.Status == SendStatus.Delivered
                ? Done($"delivered {delivery.IdempotencyKey}{(delivery.Reason is null ? "" : $" ({delivery.Reason})")}")
                : CommandRunner.Fail($"delivery {delivery.IdempotencyKey} failed: {delivery.Reason}", ExitCodes.Failure);
        }));
        return command;
    }

    private static Command HistoryCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: true);
        var id = new Option<string?>("--subscription") { Description = "Only this subscription's deliveries", HelpName = "ID" };
        var limit = new Option<int>("--limit") { Description = "How many, newest first (default 20)", DefaultValueFactory = _ => 20, HelpName = "N" };
        var command = new Command("history", "The latest deliveries, newest first, with their status and reason") { workspace, id, limit };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            if (parse.GetValue(limit) < 1)
            {
                throw new UsageException("--limit must be at least 1");
            }

            using var store = await CommandRunner.OpenStoreAsync(parse, new StoreOpenOptions { ReadOnly = true }, null, ct);
            var deliveries = await store.ListDeliveriesAsync(
                QueryCommand.ParseWorkspace(parse.GetValue(workspace)!), parse.GetValue(id), parse.GetValue(limit), ct);
            var table = new Table().AddColumns("subscription", "slot", "status", "attempts", "reason", "updated");
            foreach (var delivery in deliveries)
            {
                table.AddRow(delivery.SubscriptionId, TimeText.Of(delivery.SlotUtc), delivery.Status.ToString().ToLowerInvariant(),
                    delivery.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(delivery.Reason ?? ""),
                    TimeText.Of(delivery.UpdatedAtUtc));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Prints a webhook's signing secret, once, when a subscription or alert is added with one.</summary>
    internal static int PrintSecret(string secret)
    {
        if (secret.Length > 0)
        {
            Console.WriteLine($"its webhook signing secret (copy it now; the {WebhookSigner.Header} header is keyed with it):");
            Console.WriteLine(secret);
        }

        return ExitCodes.Success;
    }

    /// <summary>The <c>--param name=value</c> options as the JSON object a subscription or alert keeps.</summary>
    /// <exception cref="UsageException">One is not name=value.</exception>
    internal static string ReportParameters(string[]? pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            values[eq > 0 ? pair[..eq] : throw new UsageException($"--param \"{pair}\" is not name=value")] = pair[(eq + 1)..];
        }

        return JsonSerializer.Serialize(values);
    }

    internal static int Done(string message)
    {
        Console.WriteLine(message);
        return ExitCodes.Success;
    }
}
