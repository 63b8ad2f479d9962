using System.CommandLine;
using System.Globalization;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.Subscriptions;
using Spectre.Console;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// <c>analytics alerts add|list|remove|history</c>: a condition on a saved query's or report's number (its first row's
/// metric column, by default the first numeric one), checked by <c>serve</c> after each refresh; it notifies by email or signed webhook once when it
/// starts to hold ("firing") and once when it stops ("resolved").
/// </summary>
internal static class AlertsCommand
{
    public static Command Create() => new("alerts", "Be told by email or webhook when a query's number crosses a threshold, and when it recovers")
    {
        AddCommand(), ListCommand(), RemoveCommand(), HistoryCommand(),
    };

    private static Command AddCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: true);
        var name = new Option<string>("--name") { Description = "A name for people", Required = true, HelpName = "NAME" };
        var savedQuery = new Option<string?>("--saved-query") { Description = "The saved query's id whose number is watched", HelpName = "ID" };
        var report = new Option<string?>("--report") { Description = "The ready report whose number is watched", HelpName = "NAME" };
        var parameters = new Option<string[]>("--param")
        {
            Description = "A report filter, name=value (repeat for more), as in the report's query string",
            HelpName = "NAME=VALUE",
            AllowMultipleArgumentsPerToken = false,
        };
        var when = new Option<string>("--when")
        {
            Description = $"When it fires: {AlertOperatorNames.All} (the first row's --metric, compared with --threshold)",
            Required = true,
            HelpName = "OPERATOR",
        };
        var threshold = new Option<double?>("--threshold") { Description = "The number compared with (not for no_rows)", HelpName = "NUMBER" };
        var metric = new Option<string?>("--metric")
        {
            Description = "The numeric column watched (default: the first numeric column), checked against the source's columns",
            HelpName = "COLUMN",
        };
        var email = new Option<string?>("--email") { Description = "Comma-separated addresses to email", HelpName = "ADDRESSES" };
        var webhook = new Option<string?>("--webhook") { Description = "The URL to POST signed JSON to", HelpName = "URL" };
        var command = new Command("add", "Add an alert; prints a webhook's signing secret once")
        {
            workspace, name, savedQuery, report, parameters, when, threshold, metric, email, webhook,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var (query, reportName) = (parse.GetValue(savedQuery), parse.GetValue(report));
            var (emailTo, hookUrl) = (parse.GetValue(email), parse.GetValue(webhook));
            if ((query is null) == (reportName is null) || (emailTo is null) == (hookUrl is null))
            {
                throw new UsageException("name one of --saved-query and --report, and one of --email and --webhook");
            }

            if (!AlertOperatorNames.TryParse(parse.GetValue(when), out var op) || (op != AlertOperator.NoRows && parse.GetValue(threshold) is null))
            {
                throw new UsageException($"--when takes {AlertOperatorNames.All}; below and above need a --threshold");
            }

            var request = new NewAlert(QueryCommand.ParseWorkspace(parse.GetValue(workspace)!), parse.GetValue(name)!,
                query is null ? SourceKind.Report : SourceKind.SavedQuery, query ?? reportName!,
                SubscriptionsCommand.ReportParameters(parse.GetValue(parameters)), op, parse.GetValue(threshold) ?? 0,
                emailTo is null ? ChannelKind.Webhook : ChannelKind.Email, emailTo ?? hookUrl!, parse.GetValue(metric) ?? "");
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            if (await AlertRequestCheck.ProblemAsync(request, store, SubscriptionContent.Over(store, new SubscriptionOptions()), ct)
                is { } problem)
            {
                throw new UsageException(problem);
            }

            var added = await store.AddAlertAsync(request, ct);
            await store.AuditAsync(request.Workspace, AuditAction.AlertAdded, added.Id, added.Request.Name, cancellationToken: ct);
            Console.WriteLine($"added alert {added.Id} for workspace {request.Workspace}: {added.Request.Condition}, "
                + $"by {request.Channel.ToString().ToLowerInvariant()}; serve checks it after each refresh");
            return SubscriptionsCommand.PrintSecret(added.Secret);
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: false);
        var command = new Command("list", "List alerts with their state (ok, firing), last value and last check") { workspace };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var id = parse.GetValue(workspace) is { } text ? QueryCommand.ParseWorkspace(text) : (Core.Events.WorkspaceId?)null;
            using var store = await CommandRunner.OpenStoreAsync(parse, new StoreOpenOptions { ReadOnly = true }, null, ct);
            var alerts = await store.ListAlertsAsync(id, ct);
            if (alerts.Count == 0)
            {
                Console.WriteLine("no alerts yet: add one with analytics alerts add");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns(
                "id", "workspace", "name", "source", "metric", "condition", "channel", "target", "state", "last value", "checked as of");
            foreach (var alert in alerts)
            {
                var r = alert.Request;
                table.AddRow(alert.Id, Markup.Escape(r.Workspace.Value), Markup.Escape(r.Name),
                    Markup.Escape(r.Source == SourceKind.Report ? $"report {r.SourceRef} {r.Parameters}" : $"saved query {r.SourceRef}"),
                    Markup.Escape(r.Metric.Length > 0 ? r.Metric : "(first numeric)"), Markup.Escape(r.Condition),
                    r.Channel.ToString().ToLowerInvariant(), Markup.Escape(r.Target),
                    alert.State.ToString().ToLowerInvariant(), Value(alert.LastValue, alert.LastCheckedAsOfUtc is not null),
                    alert.LastCheckedAsOfUtc is { } at ? TimeText.Of(at) : "never");
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command RemoveCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: true);
        var id = new Argument<string>("ALERT_ID") { Description = "The alert's id, as list shows it" };
        var command = new Command("remove", "Remove an alert and its history") { workspace, id };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            var workspaceId = QueryCommand.ParseWorkspace(parse.GetValue(workspace)!);
            if (!await store.RemoveAlertAsync(workspaceId, parse.GetValue(id)!, ct))
            {
                return CommandRunner.Fail($"workspace {workspaceId} has no alert {parse.GetValue(id)} (see analytics alerts list)", ExitCodes.Failure);
            }

            await store.AuditAsync(workspaceId, AuditAction.AlertRemoved, parse.GetValue(id)!, cancellationToken: ct);
            return SubscriptionsCommand.Done($"removed alert {parse.GetValue(id)}");
        }));
        return command;
    }

    private static Command HistoryCommand()
    {
        var workspace = QueryCommand.WorkspaceOption(required: true);
        var id = new Option<string?>("--alert") { Description = "Only this alert's transitions", HelpName = "ID" };
        var limit = new Option<int>("--limit") { Description = "How many, newest first (default 20)", DefaultValueFactory = _ => 20, HelpName = "N" };
        var command = new Command("history", "The latest transitions (firing, resolved), newest first, with how each notification went")
        {
            workspace, id, limit,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            if (parse.GetValue(limit) < 1)
            {
                throw new UsageException("--limit must be at least 1");
            }

            using var store = await CommandRunner.OpenStoreAsync(parse, new StoreOpenOptions { ReadOnly = true }, null, ct);
            var transitions = await store.ListAlertHistoryAsync(
                QueryCommand.ParseWorkspace(parse.GetValue(workspace)!), parse.GetValue(id), parse.GetValue(limit), ct);
            var table = new Table().AddColumns("alert", "as of", "transition", "value", "notification", "attempts", "reason", "updated");
            foreach (var transition in transitions)
            {
                table.AddRow(transition.AlertId, TimeText.Of(transition.AsOfUtc), transition.Word, Value(transition.Value, true),
                    transition.Status.ToString().ToLowerInvariant(), transition.Attempts.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(transition.Reason ?? ""), TimeText.Of(transition.UpdatedAtUtc));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Value(double? value, bool checkedOnce) =>
        value?.ToString("0.####", CultureInfo.InvariantCulture) ?? (checkedOnce ? "no rows" : "");
}
