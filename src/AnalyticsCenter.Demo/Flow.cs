namespace AnalyticsCenter.Demo;

/// <summary>A flow (conversation, poll) with its nodes; an older version is live during the first part of the period.</summary>
internal sealed class Flow
{
    public Flow(string id, int version, int oldVersion, double oldUntil, params FlowNode[] nodes)
    {
        Id = id;
        Version = version;
        OldVersion = oldVersion;
        OldUntil = oldUntil;
        Nodes = nodes;
        Conversation = RawJson.Conversation(id, version);
        OldConversation = RawJson.Conversation(id, oldVersion);
        Target = RawJson.RedirectTarget(id, version);
        OldTarget = RawJson.RedirectTarget(id, oldVersion);
    }

    public string Id { get; }

    public int Version { get; }

    public int OldVersion { get; }

    /// <summary>Fraction of the period during which <see cref="OldVersion"/> is live (0 for none).</summary>
    public double OldUntil { get; }

    public FlowNode[] Nodes { get; }

    /// <summary><c>{"id":...,"version":...}</c> of the current version.</summary>
    public byte[] Conversation { get; }

    public byte[] OldConversation { get; }

    /// <summary><c>{"conversation":{...}}</c> of the current version.</summary>
    public byte[] Target { get; }

    public byte[] OldTarget { get; }
}
