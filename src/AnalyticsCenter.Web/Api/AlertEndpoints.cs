using System.Globalization;
using System.Text.Json;
using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.Subscriptions;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>/api/v1/alerts</c>: the workspace's alerts with their state and their transitions (analysts read them), added and
/// removed by admins. A webhook's signing secret is shown once, in the answer that adds it.
/// </summary>
internal static class AlertEndpoints
{
    private const string Example =
        """{"name": "low delivery rate", "report": "delivery-rate", "parameters": {"grain": "day"}, "operator": "below", "threshold": 0.9, """ +
        """ "metric": "delivery_rate", "channel": "webhook", "target": "https://example.com/hook"}""";

    private const int HistoryLimit = 100;

    public static void Map(RouteGroupBuilder analyst, RouteGroupBuilder admin)
    {
        analyst.MapGet("/alerts", async (HttpContext context, IAlerts store) =>
            TypedResults.Ok((await store.ListAlertsAsync(context.User.WorkspaceOf(), context.RequestAborted)).Select(a => AlertView.Of(a, null))))
            .WithSummary("The workspace's alerts, oldest first, with their state and last value");
        admin.MapPost("/alerts", Add).Accepts<AddAlertRequest>("application/json")
            .WithSummary("Alert on a saved query's or report's number (below or above a threshold, or no rows), checked after each refresh");
        admin.MapDelete("/alerts/{id}", async (HttpContext context, string id, IAlerts store) =>
            await store.RemoveAlertAsync(context.User.WorkspaceOf(), id, context.RequestAborted)
                ? await context.Audited(Results.NoContent(), AuditAction.AlertRemoved, id)
                : Problems.Result(StatusCodes.Status404NotFound, "No such alert", $"this workspace has no alert \"{id}\""))
            .WithSummary("Remove an alert and its history");
        analyst.MapGet("/alerts/metrics", Metrics)
            .WithSummary("The numeric columns a report (?report=) or saved query (?saved_query_id=) gives: what an alert's metric may be");
        analyst.MapGet("/alerts/history", async (HttpContext context, IAlerts store, string? id) =>
            TypedResults.Ok((await store.ListAlertHistoryAsync(context.User.WorkspaceOf(), id, HistoryLimit, context.RequestAborted))
                .Select(AlertTransitionView.Of)))
            .WithSummary("The workspace's latest alert transitions (firing, resolved), newest first; ?id= for one alert's");
    }

    private static async Task<IResult> Metrics(
        HttpContext context, ISavedQueries savedQueries, SubscriptionContent content, string? report, string? savedQueryId)
    {
        var workspace = context.User.WorkspaceOf();
        var (source, sourceRef) = (report is null ? SourceKind.SavedQuery : SourceKind.Report, report ?? savedQueryId ?? "");
        var refused = (report is null) == (savedQueryId is null)
            ? "name one of report and saved_query_id"
            : await SubscriptionRequestCheck.SourceProblemAsync(workspace, source, sourceRef, "{}", savedQueries, context.RequestAborted);
        if (refused is not null)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "No such source", refused);
        }

        try
        {
            return TypedResults.Ok((await content.NumericColumnsAsync(workspace, source, sourceRef, "{}", context.RequestAborted)).Columns);
        }
        catch (Exception ex) when (ex is SubscriptionSourceException or QueryRefusedException or QueryFailedException or QueryTimedOutException)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Its columns could not be read", ex.Message);
        }
    }

    private static async Task<IResult> Add(HttpContext context, IAlerts store, ISavedQueries savedQueries, SubscriptionContent content)
    {
        var (body, problem) = await JsonBody.ReadAsync<AddAlertRequest>(context, Example);
        if (body is null)
        {
            return problem!;
        }

        if ((body.SavedQueryId is null) == (body.Report is null) || !Enum.TryParse<ChannelKind>(body.Channel, ignoreCase: true, out var channel)
            || !AlertOperatorNames.TryParse(body.Operator, out var op) || (op != AlertOperator.NoRows && body.Threshold is null))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "The alert cannot be added",
                $"name exactly one of saved_query_id and report, an operator ({AlertOperatorNames.All}), a threshold (unless no_rows), "
                + "and a channel: email or webhook");
        }

        var request = new NewAlert(context.User.WorkspaceOf(), body.Name ?? "", body.Report is null ? SourceKind.SavedQuery : SourceKind.Report,
            body.SavedQueryId ?? body.Report!, body.Parameters is { ValueKind: JsonValueKind.Object } parameters ? parameters.GetRawText() : "{}",
            op, body.Threshold ?? 0, channel, body.Target ?? "", body.Metric ?? "");
        if (await AlertRequestCheck.ProblemAsync(request, savedQueries, content, context.RequestAborted) is { } refused)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "The alert cannot be added", refused);
        }

        var added = await store.AddAlertAsync(request, context.RequestAborted);
        await context.AuditAsync(AuditAction.AlertAdded, added.Id, added.Request.Name);
        return Results.Created($"/api/v1/alerts/{added.Id}", AlertView.Of(added, added.Secret.Length > 0 ? added.Secret : null));
    }
}

/// <summary>The body of <c>POST /api/v1/alerts</c>: one of <paramref name="SavedQueryId"/> and <paramref name="Report"/>.</summary>
/// <param name="Name">A name for people.</param>
/// <param name="SavedQueryId">The saved query whose first row's number is watched.</param>
/// <param name="Report">The ready report whose first row's number is watched.</param>
/// <param name="Parameters">The report's filters, names to text values as in its query string.</param>
/// <param name="Operator"><c>below</c>, <c>above</c> or <c>no_rows</c>.</param>
/// <param name="Threshold">The number compared with (not needed for <c>no_rows</c>).</param>
/// <param name="Channel"><c>email</c> or <c>webhook</c>.</param>
/// <param name="Target">Comma-separated addresses, or the webhook's URL.</param>
/// <param name="Metric">The numeric column watched (<c>GET /alerts/metrics</c> lists them); the first numeric column when left out.</param>
internal sealed record AddAlertRequest(
    string? Name, string? SavedQueryId, string? Report, JsonElement? Parameters, string? Operator, double? Threshold, string? Channel, string? Target,
    string? Metric);

/// <summary>An alert as the API shows it; the secret only in the answer that adds a webhook.</summary>
internal sealed record AlertView(
    string Id, string Name, string Source, string SourceRef, JsonElement Parameters, string Metric, string Operator, double Threshold, string Channel,
    string Target, DateTime CreatedAt, string State, double? LastValue, DateTime? LastCheckedAsOf, string? Secret)
{
    public static AlertView Of(Alert alert, string? secret)
    {
        var request = alert.Request;
        using var parameters = JsonDocument.Parse(request.Parameters);
        return new(alert.Id, request.Name, request.Source == SourceKind.Report ? "report" : "saved_query", request.SourceRef,
            parameters.RootElement.Clone(), request.Metric, AlertOperatorNames.Name(request.Operator), request.Threshold,
            request.Channel.ToString().ToLowerInvariant(), request.Target, alert.CreatedAtUtc, alert.State.ToString().ToLower(CultureInfo.InvariantCulture),
            alert.LastValue, alert.LastCheckedAsOfUtc, secret);
    }
}

/// <summary>One transition as the API shows it: <c>firing</c> or <c>resolved</c>, and how its notification went.</summary>
internal sealed record AlertTransitionView(
    string AlertId, DateTime AsOf, string Transition, double? Value, string Status, string? Reason, string IdempotencyKey, DateTime UpdatedAt,
    int Attempts)
{
    public static AlertTransitionView Of(AlertTransition transition) => new(transition.AlertId, transition.AsOfUtc, transition.Word, transition.Value,
        transition.Status.ToString().ToLowerInvariant(), transition.Reason, transition.IdempotencyKey, transition.UpdatedAtUtc, transition.Attempts);
}
