using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnalyticsCenter.TestKit;

/// <summary>
/// Builds NDJSON event lines of one timeline (workspace, line, user) as events.md spells them. Times are
/// <c>HH:mm:ss</c> on <see cref="Day"/> or full RFC 3339; event ids count up (<c>ev-0001</c>…) unless given.
/// </summary>
public sealed class EventLines(string workspace = "acme", string line = "5215550001111", string phone = "573001234567", string displayName = "Acme Support")
{
    private static int s_next;

    /// <summary>The day that <c>HH:mm:ss</c> times fall on.</summary>
    public static DateOnly Day { get; } = new(2026, 11, 20);

    public string Workspace { get; } = workspace;

    public static string At(string time) =>
        time.Contains('T', StringComparison.Ordinal) ? time : $"{Day:yyyy-MM-dd}T{time}Z";

    public static DateTime Utc(string time) =>
        DateTime.Parse(At(time), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static string NextId() => $"ev-{Interlocked.Increment(ref s_next):D6}";

    public string Inbound(string at, string? text = "hola", string kind = "text", string? id = null, (string Id, int Version)? conversation = null,
        JsonObject? referral = null, JsonObject? whatsappLink = null)
    {
        var message = new JsonObject { ["id"] = "wamid." + (id ?? "x"), ["kind"] = kind };
        if (text is not null)
        {
            message["text"] = text;
        }

        var e = Envelope("message.inbound", at, id);
        e["message"] = message;
        if (conversation is { } c)
        {
            e["conversation"] = new JsonObject { ["id"] = c.Id, ["version"] = c.Version };
        }

        if (referral is not null)
        {
            e["referral"] = referral;
        }

        if (whatsappLink is not null)
        {
            e["whatsapp_link"] = whatsappLink;
        }

        return e.ToJsonString();
    }

    public string Outbound(string at, string sender = "bot", string? id = null)
    {
        var e = Envelope("message.outbound", at, id);
        e["message"] = new JsonObject { ["kind"] = "text", ["text"] = "¿En qué te ayudo?" };
        e["sender"] = sender;
        return e.ToJsonString();
    }

    public string Node(string at, string nodeId, string? id = null) => With(Envelope("node.reached", at, id), "node_id", nodeId);

    public string AgentAssigned(string at, string? id = null) => With(Envelope("agent.assigned", at, id), "agent_id", "agent-7");

    public string RatingRequested(string at, string? id = null) => Envelope("rating.requested", at, id).ToJsonString();

    public string AgentClosed(string at, string? id = null) => Envelope("agent.closed", at, id).ToJsonString();

    public string Overwritten(string at, string? id = null) => Envelope("flow.overwritten", at, id).ToJsonString();

    public string Redirected(string at, string conversationId, int version, string? id = null)
    {
        var e = Envelope("flow.redirected", at, id);
        e["to"] = new JsonObject { ["conversation"] = new JsonObject { ["id"] = conversationId, ["version"] = version } };
        return e.ToJsonString();
    }

    public string DeploymentCreated(
        string at, string deploymentId, string conversationId = "conv_promo", int version = 2,
        string? campaign = null, string? id = null, string? messageId = null)
    {
        var e = Envelope("deployment.created", at, id);
        e["deployment_id"] = deploymentId;
        if (messageId is not null)
        {
            e["message_id"] = messageId;
        }

        e["conversation"] = new JsonObject { ["id"] = conversationId, ["version"] = version };
        if (campaign is not null)
        {
            e["campaign"] = new JsonObject { ["name"] = campaign };
        }

        return e.ToJsonString();
    }

    /// <summary>A <c>deployment.status</c>; <paramref name="code"/> may be a number or a string, as WhatsApp or the platform sends it.</summary>
    public string Status(string at, string deploymentId, string status, object? code = null, string? title = null, string? id = null)
    {
        var e = new JsonObject
        {
            ["event_id"] = id ?? NextId(),
            ["type"] = "deployment.status",
            ["occurred_at"] = At(at),
            ["workspace_id"] = Workspace,
            ["deployment_id"] = deploymentId,
            ["status"] = status,
        };
        if (code is not null || title is not null)
        {
            var error = new JsonObject();
            if (code is not null)
            {
                error["code"] = JsonSerializer.SerializeToNode(code);
            }

            if (title is not null)
            {
                error["title"] = title;
            }

            e["error"] = error;
        }

        return e.ToJsonString();
    }

    private JsonObject Envelope(string type, string at, string? id) => new()
    {
        ["event_id"] = id ?? NextId(),
        ["type"] = type,
        ["occurred_at"] = At(at),
        ["workspace_id"] = Workspace,
        ["line"] = new JsonObject { ["number"] = line, ["display_name"] = displayName },
        ["user"] = new JsonObject { ["phone"] = phone },
    };

    private static string With(JsonObject e, string key, string value)
    {
        e[key] = value;
        return e.ToJsonString();
    }
}
