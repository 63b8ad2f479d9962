using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.WhatsApp;

/// <summary>
/// A status Meta reported for a message the business sent (<c>statuses[]</c>), waiting to be matched to the deployment
/// whose <c>deployment.created</c> names the same <c>message_id</c>: the event contract names a status's deployment by
/// <c>deployment_id</c>, which Meta does not know.
/// </summary>
public sealed record WhatsAppStatus
{
    /// <summary>The workspace of the line that sent the message.</summary>
    public required WorkspaceId Workspace { get; init; }

    /// <summary>The event id it becomes: the message id and the status, so Meta's retries are duplicates.</summary>
    public required string EventId { get; init; }

    /// <summary>WhatsApp's message id (<c>wamid...</c>) of the message reported on.</summary>
    public required string MessageId { get; init; }

    /// <summary><c>sent</c>, <c>delivered</c>, <c>read</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>When WhatsApp says it happened, in UTC.</summary>
    public required DateTime OccurredAt { get; init; }

    /// <summary>For <c>failed</c>: the first error's code, title and <c>error_data.details</c>; otherwise null.</summary>
    public string? ErrorCode { get; init; }

    /// <inheritdoc cref="ErrorCode"/>
    public string? ErrorTitle { get; init; }

    /// <inheritdoc cref="ErrorCode"/>
    public string? ErrorDetail { get; init; }

    /// <summary>The <c>deployment.status</c> event line (events.md) this status is for <paramref name="deploymentId"/>.</summary>
    public string ToEventLine(string deploymentId) => EventLineWriter.Line(w =>
    {
        EventLineWriter.Envelope(w, EventId, EventType.DeploymentStatus.Name(), OccurredAt, Workspace);
        w.WriteString("deployment_id", deploymentId);
        w.WriteString("status", Status);
        if (ErrorCode is not null || ErrorTitle is not null || ErrorDetail is not null)
        {
            w.WriteStartObject("error");
            if (ErrorCode is not null)
            {
                // WhatsApp's codes are numbers; the contract takes a number or a platform's own string code.
                if (long.TryParse(ErrorCode, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var numeric))
                {
                    w.WriteNumber("code", numeric);
                }
                else
                {
                    w.WriteString("code", ErrorCode);
                }
            }

            EventLineWriter.WriteIfSet(w, "title", ErrorTitle);
            EventLineWriter.WriteIfSet(w, "detail", ErrorDetail);
            w.WriteEndObject();
        }
    });
}
