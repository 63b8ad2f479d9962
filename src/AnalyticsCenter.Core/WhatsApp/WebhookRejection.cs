using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.WhatsApp;

/// <summary>A part of a webhook delivery that could not become an event: kept with its raw text, like a bad event line.</summary>
/// <param name="Workspace">The workspace of the line it came from, when the line is configured.</param>
/// <param name="Rejection">Why, in words.</param>
/// <param name="Raw">The part's JSON text as Meta sent it (the whole body when the body itself is unreadable).</param>
public sealed record WebhookRejection(WorkspaceId? Workspace, Rejection Rejection, string Raw);
