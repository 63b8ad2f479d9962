using System.Runtime.InteropServices;
using System.Text.Json;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>POST /api/v1/events</c>: NDJSON or a JSON array of events for the key's workspace. The answer comes after the
/// accepted events are committed, with counts and every rejection's line and reason.
/// </summary>
internal static class EventEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/events", Ingest).WithSummary("Send events (NDJSON or a JSON array); answered once they are stored");

    private static async Task Ingest(
        HttpContext context, IngestWriter writer, WebHostSettings settings, AnalyticsMetrics metrics, TimeProvider time)
    {
        var ct = context.RequestAborted;
        if (ShuttingDown.Refuses(context))
        {
            await ShuttingDown.Write(context);
            return;
        }

        using var body = await RequestBody.ReadAtMostAsync(context.Request, settings.MaxIngestBytes, ct);
        if (body is null)
        {
            await Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "The body is too large",
                $"send at most {settings.MaxIngestBytes / (1 << 20)} MiB a request; split the batch");
            return;
        }

        var lines = AsNdjson(body, context.Request.ContentType, out var problem);
        if (problem is not null)
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, "The body is not NDJSON or a JSON array", problem);
            return;
        }

        if (CountLines(lines) > settings.MaxEventsPerRequest)
        {
            await Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "Too many events",
                $"send at most {settings.MaxEventsPerRequest:N0} events a request; split the batch");
            return;
        }

        var options = new IngestOptions
        {
            Source = $"request {context.TraceIdentifier}",
            OnlyWorkspace = context.User.WorkspaceOf(),
            RejectionsListed = settings.MaxEventsPerRequest,
            // The windows as the store holds them when it stores the request: it reads them with its write, so a request
            // costs no read of its own, and a window changed by any process counts from the next request on.
            RetainedFrom = RetentionStarts.AsStored(time.GetUtcNow().UtcDateTime, RetentionPeriod.Default),
        };
        if (await writer.IngestAsync(lines, options) is not { } report)
        {
            context.Response.Headers.RetryAfter = "1";
            await Problems.Write(context, StatusCodes.Status429TooManyRequests, "The store is busy",
                "too many ingest requests are waiting for the store; retry after a second");
            return;
        }

        metrics.Ingested(report);
        await context.Response.WriteAsJsonAsync(new IngestAnswer(
            report.Accepted, report.Duplicates, report.Rejected,
            report.FirstRejections.Select(r => new RejectedLine(r.LineNumber, r.Reason)).ToList(), report.BeforeRetention), ct);
    }

    /// <summary>The body as NDJSON: as sent, or a JSON array's elements one per line (each element's text unchanged).</summary>
    private static MemoryStream AsNdjson(MemoryStream body, string? contentType, out string? problem)
    {
        problem = null;
        var isArray = contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        if (!isArray)
        {
            return body;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                problem = "a JSON body must be an array of events; send NDJSON (application/x-ndjson) for one event per line";
                return body;
            }

            // Each element's bytes as sent: one that is not UTF-8 or holds a lone surrogate escape is the parser's to
            // reject, alone. Outside strings a line break is only whitespace, and inside one JSON allows none, so turning
            // CR and LF into spaces changes no value.
            var lines = new MemoryStream();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var start = (int)lines.Length;
                lines.Write(JsonMarshal.GetRawUtf8Value(element));
                var written = lines.GetBuffer().AsSpan(start, (int)lines.Length - start);
                written.Replace((byte)'\n', (byte)' ');
                written.Replace((byte)'\r', (byte)' ');
                lines.WriteByte((byte)'\n');
            }

            lines.Position = 0;
            return lines;
        }
        catch (JsonException ex)
        {
            problem = "the JSON array is not valid JSON: " + ex.Message;
            return body;
        }
    }

    private static long CountLines(MemoryStream lines)
    {
        var buffer = lines.GetBuffer().AsSpan(0, (int)lines.Length);
        var count = buffer.Count((byte)'\n');
        return buffer.Length > 0 && buffer[^1] != '\n' ? count + 1 : count;
    }
}

/// <summary>
/// What <c>POST /api/v1/events</c> answers; <c>BeforeRetention</c> counts the events older than the retention window: stored,
/// but the next refresh drops them.
/// </summary>
internal sealed record IngestAnswer(long Accepted, long Duplicates, long Rejected, IReadOnlyList<RejectedLine> Rejections, long BeforeRetention);

/// <summary>A rejected line of the request, and why.</summary>
internal sealed record RejectedLine(long Line, string Reason);
