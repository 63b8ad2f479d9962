using System.Security.Cryptography;
using System.Text;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.WhatsApp;
using AnalyticsCenter.Web.Api;

namespace AnalyticsCenter.Web.Webhooks;

/// <summary>
/// The WhatsApp Cloud API webhook, as Meta calls it: <c>GET</c> for the verification handshake, <c>POST</c> for
/// deliveries signed with the app secret. No API key: the signature is the authentication. A delivery is mapped to
/// events (<see cref="WhatsAppWebhookMapper"/>) that go through the same ingest as any other, in turn at the store's
/// writers, and is answered 200 once stored (Meta retries anything else).
/// </summary>
internal static class WhatsAppWebhookEndpoints
{
    public const string Path = "/webhooks/whatsapp";

    private const string NotConfigured = "WhatsApp webhooks are not configured on this server: set " +
        WhatsAppWebhookSettings.AppSecretVariable + " and " + WhatsAppWebhookSettings.VerifyTokenVariable +
        " (or WhatsApp:AppSecret and WhatsApp:VerifyToken in the settings file)";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Verify).WithTags("Webhooks").WithSummary("Meta's verification handshake: echoes hub.challenge when hub.verify_token matches");
        app.MapPost(Path, Receive).WithTags("Webhooks").WithSummary("A WhatsApp Cloud API messages delivery, signed with X-Hub-Signature-256");
    }

    private static Task Verify(HttpContext context, WhatsAppWebhookSettings settings)
    {
        if (settings.VerifyToken is not { } expected)
        {
            return Problems.Write(context, StatusCodes.Status503ServiceUnavailable, "WhatsApp webhooks are not configured", NotConfigured);
        }

        var query = context.Request.Query;
        var challenge = query["hub.challenge"].ToString();
        if (query["hub.mode"] != "subscribe" || challenge.Length == 0)
        {
            return Problems.Write(context, StatusCodes.Status400BadRequest, "Not a verification request",
                "send hub.mode=subscribe, hub.verify_token and hub.challenge, as Meta's webhook setup does");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(query["hub.verify_token"].ToString()), Encoding.UTF8.GetBytes(expected)))
        {
            return Problems.Write(context, StatusCodes.Status403Forbidden, "The verify token does not match",
                "hub.verify_token is not the token this server is configured with (" + WhatsAppWebhookSettings.VerifyTokenVariable + ")");
        }

        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(challenge, context.RequestAborted);
    }

    private static async Task Receive(
        HttpContext context, IWhatsAppLines store, IngestWriter ingest, WriterQueue writer, WhatsAppWebhookSettings settings)
    {
        var ct = context.RequestAborted;
        if (settings.AppSecret is not { } secret)
        {
            await Problems.Write(context, StatusCodes.Status503ServiceUnavailable, "WhatsApp webhooks are not configured", NotConfigured);
            return;
        }

        if (ShuttingDown.Refuses(context))
        {
            await ShuttingDown.Write(context);
            return;
        }

        using var received = await RequestBody.ReadAtMostAsync(context.Request, settings.MaxBodyBytes, ct);
        var body = received?.ToArray();
        if (body is null)
        {
            await Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "The delivery is too large",
                $"a delivery may be at most {settings.MaxBodyBytes / (1 << 20)} MiB");
            return;
        }

        if (!WebhookSignature.IsValid(body, context.Request.Headers["X-Hub-Signature-256"].ToString(), secret))
        {
            await Problems.Write(context, StatusCodes.Status401Unauthorized, "The signature does not match",
                "X-Hub-Signature-256 must be sha256= and the HMAC-SHA256 of the body under the app secret; nothing was stored");
            return;
        }

        // Each workspace's events as that workspace only, through the same group commit as POST /api/v1/events. A
        // delivery stopped halfway by a full queue is retried by Meta, and what was stored counts as duplicates then.
        var mapping = new WhatsAppWebhookMapper(await store.ListLinesAsync(cancellationToken: ct)).Map(body);
        var source = $"whatsapp webhook {context.TraceIdentifier}";
        long accepted = 0, duplicates = 0, rejected = mapping.Rejections.Count;
        var reasons = mapping.Rejections.Select(r => r.Rejection.Reason).ToList();
        foreach (var events in mapping.Events)
        {
            using var lines = new MemoryStream(Encoding.UTF8.GetBytes(events.ToNdjson()));
            var options = new IngestOptions { Source = source, OnlyWorkspace = events.Workspace, RejectionsListed = events.Lines.Count };
            if (await ingest.IngestAsync(lines, options) is not { } report)
            {
                await Busy(context);
                return;
            }

            (accepted, duplicates, rejected) = (accepted + report.Accepted, duplicates + report.Duplicates, rejected + report.Rejected);
            reasons.AddRange(report.FirstRejections.Select(r => r.Reason));
        }

        if (mapping.Statuses.Count > 0 || mapping.Rejections.Count > 0)
        {
            if (!await writer.EnterAsync(ct))
            {
                await Busy(context);
                return;
            }

            try
            {
                await Task.Run(
                    () => store.KeepWebhookDeliveryAsync(mapping.Statuses, mapping.Rejections, source, CancellationToken.None), CancellationToken.None);
            }
            finally
            {
                writer.Exit();
            }
        }

        await context.Response.WriteAsJsonAsync(new WebhookAnswer(accepted, duplicates, mapping.Statuses.Count, rejected, reasons), ct);
    }

    private static Task Busy(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        return Problems.Write(context, StatusCodes.Status429TooManyRequests, "The store is busy",
            "too many requests are waiting for the store; Meta retries the delivery");
    }
}
