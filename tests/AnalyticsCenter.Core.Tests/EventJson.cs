using System.Text;
using System.Text.Json.Nodes;

namespace AnalyticsCenter.Core.Tests;

/// <summary>
/// A valid event line of each type of events.md, shaped like the spec's examples, to be edited field by field:
/// <c>EventJson.Of("node.reached").Without("node_id")</c>, <c>.With("user.phone", "12")</c>. Paths are dotted
/// (<c>to.conversation.id</c>); <see cref="With"/> creates missing objects on the way and appends new fields last.
/// </summary>
internal sealed class EventJson
{
    /// <summary>Every type of the contract, in the spec's order.</summary>
    public static readonly string[] Types =
    [
        "message.inbound", "message.outbound", "node.reached", "agent.assigned", "rating.requested",
        "agent.closed", "flow.redirected", "flow.overwritten", "deployment.created", "deployment.status",
    ];

    private const string Envelope =
        """
        "event_id":"ev-1001","occurred_at":"2026-11-20T14:03:11Z","workspace_id":"acme",
        "line":{"number":"5215550001111","display_name":"Acme Support"},"user":{"phone":"573001234567"}
        """;

    private readonly JsonObject _root;

    private EventJson(JsonObject root) => _root = root;

    /// <summary>A valid line of <paramref name="type"/>.</summary>
    public static EventJson Of(string type) => type switch
    {
        "message.inbound" => WithEnvelope(type,
            """
            "message":{"id":"wamid.HBgM1","kind":"text","text":"Hola, quiero info"},
            "conversation":{"id":"conv_welcome","version":3},
            "referral":{"source_url":"https://fb.me/abc","source_type":"ad","source_id":"120208","headline":"Black Friday",
                        "body":"50% off","media_type":"image","image_url":"https://cdn.example/ad.jpg",
                        "thumbnail_url":"https://cdn.example/ad.thumb.jpg"},
            "whatsapp_link":{"campaign_name":"bf-2026","campaign_source":"instagram"}
            """),
        "message.outbound" => WithEnvelope(type, "\"message\":{\"id\":\"wamid.OUT1\",\"kind\":\"text\",\"text\":\"En que te ayudo?\"},\"sender\":\"bot\""),
        "node.reached" => WithEnvelope(type, "\"node_id\":\"n_ask_email\""),
        "agent.assigned" => WithEnvelope(type, "\"agent_id\":\"agent-7\""),
        "rating.requested" or "agent.closed" or "flow.overwritten" => WithEnvelope(type, null),
        "flow.redirected" => WithEnvelope(type, "\"to\":{\"conversation\":{\"id\":\"conv_sales\",\"version\":7}}"),
        "deployment.created" => WithEnvelope(type,
                """
                "deployment_id":"dep-77","conversation":{"id":"conv_promo","version":2},
                "campaign":{"name":"Promo noviembre"},"message_id":"wamid.TPL1"
                """)
            .With("user.phone", "5215512345678"),
        "deployment.status" => Parse(
            """
            {"event_id":"ev-2002","type":"deployment.status","occurred_at":"2026-11-20T13:00:04Z",
             "workspace_id":"acme","deployment_id":"dep-77","status":"failed",
             "error":{"code":131026,"title":"Message undeliverable"}}
            """),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a type of events.md"),
    };

    /// <summary>Removes the field at <paramref name="path"/>, if it is there.</summary>
    public EventJson Without(string path)
    {
        var (parent, name) = Locate(path, create: false);
        parent?.Remove(name);
        return this;
    }

    /// <summary>Sets the field at <paramref name="path"/> (JSON null for a null value).</summary>
    public EventJson With(string path, JsonNode? value)
    {
        var (parent, name) = Locate(path, create: true);
        parent![name] = value;
        return this;
    }

    /// <summary>Sets the field at <paramref name="path"/> to a JSON value given as text (<c>3.5</c>, <c>{"a":1}</c>).</summary>
    public EventJson WithJson(string path, string json) => With(path, JsonNode.Parse(json));

    /// <summary>The line, without a terminator.</summary>
    public override string ToString() => _root.ToJsonString();

    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(ToString());

    private static EventJson WithEnvelope(string type, string? fields) =>
        Parse($$"""{"type":"{{type}}",{{Envelope}}{{(fields is null ? "" : "," + fields)}}}""");

    private static EventJson Parse(string json) => new(JsonNode.Parse(json)!.AsObject());

    private (JsonObject? Parent, string Name) Locate(string path, bool create)
    {
        var names = path.Split('.');
        var current = _root;
        foreach (var name in names[..^1])
        {
            if (current[name] is JsonObject next)
            {
                current = next;
            }
            else if (create)
            {
                next = [];
                current[name] = next;
                current = next;
            }
            else
            {
                return (null, names[^1]);
            }
        }

        return (current, names[^1]);
    }
}
