using System.Text.Json;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.Subscriptions;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>/api/v1/subscriptions</c> (admins): the workspace's subscriptions (add, list, remove, run now) and their deliveries.
/// A webhook's signing secret is shown once, in the answer that adds it.
/// </summary>
internal static class SubscriptionEndpoints
{
    private const string Example =
        """{"name": "morning rates", "report": "delivery-rate", "parameters": {"grain": "day"}, "schedule": "daily 08:00", "channel": "webhook", """ +
        """ "target": "https://example.com/hook"}""";

    private const int HistoryLimit = 100;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/subscriptions", async (HttpContext context, ISubscriptions store, SubscriptionScheduler scheduler) =>
        {
            var views = new List<SubscriptionView>();
            foreach (var subscription in await store.ListSubscriptionsAsync(context.User.WorkspaceOf(), context.RequestAborted))
            {
                views.Add(SubscriptionView.Of(subscription, await scheduler.NextSlotAsync(subscription, context.RequestAborted), null));
            }

            return TypedResults.Ok(views);
        }).WithSummary("The workspace's subscriptions, oldest first, with their next slot");
        api.MapPost("/subscriptions", Add).Accepts<AddSubscriptionRequest>("application/json")
            .WithSummary("Subscribe to a saved query or report on a schedule (daily 08:00, weekly mon 08:00 or cron, in the workspace's time zone)");
        api.MapDelete("/subscriptions/{id}", async (HttpContext context, string id, ISubscriptions store) =>
            await store.RemoveSubscriptionAsync(context.User.WorkspaceOf(), id, context.RequestAborted)
                ? await context.Audited(Results.NoContent(), AuditAction.SubscriptionRemoved, id)
                : NotFound(id))
            .WithSummary("Remove a subscription and its history");
        api.MapPost("/subscriptions/{id}/run-now", async (HttpContext context, string id, ISubscriptions store, SubscriptionScheduler scheduler) =>
            await FindAsync(context, id, store) is { } subscription
                ? await context.Audited(Results.Ok(DeliveryView.Of(await scheduler.RunNowAsync(subscription, context.RequestAborted))),
                    AuditAction.SubscriptionRunNow, id, subscription.Request.Name)
                : NotFound(id))
            .WithSummary("Deliver a subscription now, whatever its schedule; answers with the delivery");
        api.MapGet("/subscriptions/deliveries", async (HttpContext context, ISubscriptions store) =>
            TypedResults.Ok((await store.ListDeliveriesAsync(context.User.WorkspaceOf(), null, HistoryLimit, context.RequestAborted)).Select(DeliveryView.Of)))
            .WithSummary("The workspace's latest deliveries, newest first");
        api.MapGet("/subscriptions/{id}/deliveries", async (HttpContext context, string id, ISubscriptions store) =>
            await FindAsync(context, id, store) is null
                ? NotFound(id)
                : Results.Ok((await store.ListDeliveriesAsync(context.User.WorkspaceOf(), id, HistoryLimit, context.RequestAborted)).Select(DeliveryView.Of)))
            .WithSummary("One subscription's latest deliveries, newest first");
    }

    private static async Task<IResult> Add(HttpContext context, ISubscriptions store, ISavedQueries savedQueries, SubscriptionScheduler scheduler)
    {
        var (body, problem) = await JsonBody.ReadAsync<AddSubscriptionRequest>(context, Example);
        if (body is null)
        {
            return problem!;
        }

        if ((body.SavedQueryId is null) == (body.Report is null) || !Enum.TryParse<ChannelKind>(body.Channel, ignoreCase: true, out var channel))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "The subscription cannot be added",
                "name exactly one of saved_query_id and report, and a channel: email or webhook");
        }

        var request = new NewSubscription(context.User.WorkspaceOf(), body.Name ?? "", body.Report is null ? SourceKind.SavedQuery : SourceKind.Report,
            body.SavedQueryId ?? body.Report!, body.Parameters is { ValueKind: JsonValueKind.Object } parameters ? parameters.GetRawText() : "{}",
            body.Schedule ?? "", channel, body.Target ?? "", context.User.ActorOf());
        if (await SubscriptionRequestCheck.ProblemAsync(request, savedQueries, context.RequestAborted) is { } refused)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "The subscription cannot be added", refused);
        }

        var added = await store.AddSubscriptionAsync(request, context.RequestAborted);
        await context.AuditAsync(AuditAction.SubscriptionAdded, added.Id, added.Request.Name);
        return Results.Created($"/api/v1/subscriptions/{added.Id}",
            SubscriptionView.Of(added, await scheduler.NextSlotAsync(added, context.RequestAborted), added.Secret.Length > 0 ? added.Secret : null));
    }

    private static async Task<Subscription?> FindAsync(HttpContext context, string id, ISubscriptions store) =>
        (await store.ListSubscriptionsAsync(context.User.WorkspaceOf(), context.RequestAborted)).FirstOrDefault(s => s.Id == id);

    private static IResult NotFound(string id) =>
        Problems.Result(StatusCodes.Status404NotFound, "No such subscription", $"this workspace has no subscription \"{id}\"");
}

/// <summary>The body of <c>POST /api/v1/subscriptions</c>: one of <paramref name="SavedQueryId"/> and <paramref name="Report"/>.</summary>
/// <param name="Name">A name for people.</param>
/// <param name="SavedQueryId">The saved query to deliver.</param>
/// <param name="Report">The ready report to deliver.</param>
/// <param name="Parameters">The report's filters, names to text values as in its query string.</param>
/// <param name="Schedule"><c>daily 08:00</c>, <c>weekly mon 08:00</c> or a five-field cron expression, in the workspace's time zone.</param>
/// <param name="Channel"><c>email</c> or <c>webhook</c>.</param>
/// <param name="Target">Comma-separated addresses, or the webhook's URL.</param>
internal sealed record AddSubscriptionRequest(
    string? Name, string? SavedQueryId, string? Report, JsonElement? Parameters, string? Schedule, string? Channel, string? Target);

/// <summary>A subscription as the API shows it; the secret only in the answer that adds a webhook.</summary>
internal sealed record SubscriptionView(
    string Id, string Name, string Source, string SourceRef, JsonElement Parameters, string Schedule, string Channel, string Target,
    DateTime CreatedAt, string? CreatedBy, DateTimeOffset? NextSlot, string? Secret)
{
    public static SubscriptionView Of(Subscription subscription, DateTimeOffset? next, string? secret)
    {
        var request = subscription.Request;
        using var parameters = JsonDocument.Parse(request.Parameters);
        return new(subscription.Id, request.Name, request.Source == SourceKind.Report ? "report" : "saved_query", request.SourceRef,
            parameters.RootElement.Clone(), request.Schedule, request.Channel.ToString().ToLowerInvariant(), request.Target, subscription.CreatedAtUtc,
            request.CreatedBy?.ToString(), next, secret);
    }
}

/// <summary>A delivery as the API shows it.</summary>
internal sealed record DeliveryView(
    string SubscriptionId, DateTime Slot, string Status, int Attempts, string? Reason, string IdempotencyKey, DateTime UpdatedAt)
{
    public static DeliveryView Of(Delivery delivery) => new(delivery.SubscriptionId, delivery.SlotUtc, delivery.Status.ToString().ToLowerInvariant(),
        delivery.Attempts, delivery.Reason, delivery.IdempotencyKey, delivery.UpdatedAtUtc);
}
