using System.Text.Json;

namespace AnalyticsCenter.Demo.Tests;

/// <summary>What a sample holds: counts of every kind of thing the generator should produce, in one pass.</summary>
internal sealed class Census
{
    private static readonly Lazy<Census> s_withDefects = new(() => new Census(Sample.WithDefects));

    private Census(Sample sample)
    {
        var seenIds = new HashSet<(string, string)>();
        var deploymentUsers = new Dictionary<(string, string), string>();
        var statusesByDeployment = new Dictionary<(string, string), HashSet<string>>();
        var reachedAt = new List<(string Workspace, string Phone, DateTimeOffset At)>();
        var inboundAt = new Dictionary<(string, string), List<DateTimeOffset>>();
        var timelines = new Dictionary<(string, string, string), List<DateTimeOffset>>();
        var userDays = new Dictionary<(string, string), HashSet<DateOnly>>();
        foreach (var line in sample.Lines)
        {
            var reason = ContractCheck.Reject(line);
            if (reason is not null)
            {
                Rejections.Add(reason);
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var workspace = root.GetProperty("workspace_id").GetString()!;
            if (!seenIds.Add((workspace, root.GetProperty("event_id").GetString()!)))
            {
                continue;
            }

            var type = root.GetProperty("type").GetString()!;
            Add(Types, type);
            var occurredAt = root.GetProperty("occurred_at").GetString()!;
            var at = ContractCheck.ParseTime(occurredAt)!.Value;
            if (!occurredAt.EndsWith('Z'))
            {
                Offsets++;
            }

            if (occurredAt.Contains('.', StringComparison.Ordinal))
            {
                Fractions++;
            }

            string? phone = null;
            if (root.TryGetProperty("user", out var user))
            {
                phone = user.GetProperty("phone").GetString()!.TrimStart('+');
                var lineNumber = root.GetProperty("line").GetProperty("number").GetString()!;
                if (type is "message.inbound" or "message.outbound" or "node.reached" or "agent.assigned" or "rating.requested")
                {
                    Get(timelines, (workspace, lineNumber, phone)).Add(at);
                }
            }

            if (root.TryGetProperty("conversation", out var conversation))
            {
                Add(Conversations, $"{conversation.GetProperty("id").GetString()} v{conversation.GetProperty("version").GetInt32()}");
            }

            switch (type)
            {
                case "message.inbound":
                    var message = root.GetProperty("message");
                    var kind = message.GetProperty("kind").GetString()!;
                    Add(InboundKinds, kind);
                    if (kind == "text")
                    {
                        Assert.False(string.IsNullOrEmpty(message.GetProperty("text").GetString()));
                    }

                    if (root.TryGetProperty("referral", out var referral))
                    {
                        var mediaType = referral.GetProperty("media_type").GetString()!;
                        var url = referral.GetProperty(mediaType == "video" ? "video_url" : "image_url").GetString()!;
                        Assert.StartsWith("https://", url, StringComparison.Ordinal);
                        foreach (var field in (string[])["source_url", "source_id", "headline", "body", "thumbnail_url"])
                        {
                            Assert.False(string.IsNullOrEmpty(referral.GetProperty(field).GetString()));
                        }

                        Add(Referrals, referral.GetProperty("source_type").GetString() + " " + mediaType);
                    }

                    if (root.TryGetProperty("whatsapp_link", out var link))
                    {
                        Assert.False(string.IsNullOrEmpty(link.GetProperty("campaign_name").GetString()));
                        Add(LinkSources, link.GetProperty("campaign_source").GetString()!);
                    }

                    Get(inboundAt, (workspace, phone!)).Add(at);
                    Get(userDays, (workspace, phone!)).Add(DateOnly.FromDateTime(at.UtcDateTime));
                    break;
                case "message.outbound":
                    Add(Senders, root.GetProperty("sender").GetString()!);
                    break;
                case "node.reached":
                    Add(Nodes, root.GetProperty("node_id").GetString()!);
                    break;
                case "agent.assigned":
                    if (root.TryGetProperty("agent_id", out _))
                    {
                        AgentIds++;
                    }

                    break;
                case "deployment.created":
                    var created = (workspace, root.GetProperty("deployment_id").GetString()!);
                    deploymentUsers[created] = phone!;
                    if (statusesByDeployment.ContainsKey(created))
                    {
                        StatusBeforeCreated++;
                    }

                    if (root.TryGetProperty("message_id", out var messageId))
                    {
                        Assert.StartsWith("wamid.", messageId.GetString(), StringComparison.Ordinal);
                    }

                    if (root.TryGetProperty("campaign", out var campaign))
                    {
                        Add(Campaigns, campaign.GetProperty("name").GetString()!);
                    }

                    break;
                case "deployment.status":
                    var deployment = (workspace, root.GetProperty("deployment_id").GetString()!);
                    var status = root.GetProperty("status").GetString()!;
                    Get(statusesByDeployment, deployment).Add(status);
                    if (status == "failed" && root.TryGetProperty("error", out var error))
                    {
                        var code = error.TryGetProperty("code", out var c) ? c.ToString() : "(none)";
                        Add(FailureCodes, code);
                        if (!error.TryGetProperty("title", out _))
                        {
                            Add(CodesWithoutTitle, code);
                        }

                        if (error.TryGetProperty("detail", out _))
                        {
                            ErrorsWithDetail++;
                        }

                        if (c.ValueKind == JsonValueKind.String)
                        {
                            StringCodes++;
                        }
                    }

                    if (status is "delivered" or "read" && deploymentUsers.TryGetValue(deployment, out var target))
                    {
                        reachedAt.Add((workspace, target, at));
                    }

                    break;
                default:
                    break;
            }
        }

        Deployments = deploymentUsers.Count;
        foreach (var (deployment, statuses) in statusesByDeployment)
        {
            if (!deploymentUsers.ContainsKey(deployment))
            {
                continue;
            }

            if (statuses.Contains("delivered") || statuses.Contains("read"))
            {
                Delivered++;
            }
            else if (statuses.Contains("failed"))
            {
                Failed++;
            }

            if (statuses.Contains("read") && !statuses.Contains("delivered"))
            {
                ReadWithoutDelivered++;
            }
        }

        foreach (var (workspace, phone, at) in reachedAt)
        {
            if (inboundAt.TryGetValue((workspace, phone), out var inbound) && inbound.Any(t => t > at && t - at < TimeSpan.FromMinutes(30)))
            {
                RepliesToDeliveries++;
            }
        }

        ReturningUsers = userDays.Values.Count(days => days.Count > 1);
        Users = userDays.Count;
        foreach (var times in timelines.Values)
        {
            times.Sort();
            for (var i = 1; i < times.Count; i++)
            {
                var gap = times[i] - times[i - 1];
                if (gap > TimeSpan.FromMinutes(60) && gap < TimeSpan.FromHours(6))
                {
                    LongGaps++;
                }
            }
        }
    }

    public static Census WithDefects => s_withDefects.Value;

    public List<string> Rejections { get; } = [];

    public Dictionary<string, int> Types { get; } = [];

    public Dictionary<string, int> InboundKinds { get; } = [];

    public Dictionary<string, int> Referrals { get; } = [];

    public Dictionary<string, int> LinkSources { get; } = [];

    public Dictionary<string, int> Senders { get; } = [];

    public Dictionary<string, int> Nodes { get; } = [];

    public Dictionary<string, int> Conversations { get; } = [];

    public Dictionary<string, int> Campaigns { get; } = [];

    public Dictionary<string, int> FailureCodes { get; } = [];

    public Dictionary<string, int> CodesWithoutTitle { get; } = [];

    public int ErrorsWithDetail { get; }

    public int StringCodes { get; }

    public int AgentIds { get; }

    public int Offsets { get; }

    public int Fractions { get; }

    public int Deployments { get; }

    public int Delivered { get; }

    public int Failed { get; }

    public int ReadWithoutDelivered { get; }

    public int StatusBeforeCreated { get; }

    public int RepliesToDeliveries { get; }

    public int Users { get; }

    public int ReturningUsers { get; }

    public int LongGaps { get; }

    private static void Add(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static List<TValue> Get<TKey, TValue>(Dictionary<TKey, List<TValue>> lists, TKey key)
        where TKey : notnull
    {
        if (!lists.TryGetValue(key, out var list))
        {
            list = [];
            lists[key] = list;
        }

        return list;
    }

    private static HashSet<TValue> Get<TKey, TValue>(Dictionary<TKey, HashSet<TValue>> sets, TKey key)
        where TKey : notnull
    {
        if (!sets.TryGetValue(key, out var set))
        {
            set = [];
            sets[key] = set;
        }

        return set;
    }
}
