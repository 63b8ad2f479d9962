using System.Text.Json;

namespace AnalyticsCenter.Demo;

/// <summary>A node of a flow: what the bot says there and how users go on from it.</summary>
internal sealed class FlowNode
{
    public FlowNode(string id, string spanish, string english, MessageKind botKind, ReplyStyle reply, double proceed)
    {
        Id = RawJson.Encode(id);
        Name = id;
        Prompt = [RawJson.Encode(spanish), RawJson.Encode(english), RawJson.Encode(spanish)];
        BotKind = botKind;
        Reply = reply;
        Proceed = proceed;
    }

    public JsonEncodedText Id { get; }

    public string Name { get; }

    /// <summary>The bot's prompt by <see cref="Language"/> (Portuguese-speaking users get the Spanish bot).</summary>
    public JsonEncodedText[] Prompt { get; }

    public MessageKind BotKind { get; }

    public ReplyStyle Reply { get; }

    /// <summary>Probability that the user answers and goes on to the next node; the rest drop off here.</summary>
    public double Proceed { get; }

    /// <summary>Probability of a hand-off to a human agent at this node.</summary>
    public double Handoff { get; init; }

    /// <summary>Flow indexes this node may redirect to (one is drawn), or none.</summary>
    public int[] RedirectTo { get; init; } = [];

    public double RedirectChance { get; init; }

    /// <summary>Probability of a rating request (at the last node).</summary>
    public double Rating { get; init; }
}
