using System.Text.Json;

namespace AnalyticsCenter.Demo.Tests;

public sealed class ContractTests
{
    private static readonly string[] s_senders = ["bot", "agent"];
    private static readonly string[] s_statuses = ["sent", "delivered", "read", "failed"];

    [Fact]
    public void Every_line_without_defects_is_a_valid_event()
    {
        var sample = Sample.WithoutDefects;

        Assert.All(sample.Lines, line => Assert.Null(ContractCheck.Reject(line)));
    }

    [Fact]
    public void Every_timestamp_lies_within_the_period()
    {
        // An End that is not on a whole second and not in UTC, and a short period.
        var end = new DateTimeOffset(2026, 3, 1, 10, 0, 0, 123, TimeSpan.FromHours(-5)).AddTicks(4567);
        foreach (var options in new[]
        {
            Sample.WithoutDefects.Options,
            new DemoOptions { Events = 5_000, End = end, Period = TimeSpan.FromHours(3), IncludeDefects = false },
            new DemoOptions { Events = 5_000, End = end, Period = TimeSpan.FromDays(90) },
        })
        {
            var sample = options == Sample.WithoutDefects.Options ? Sample.WithoutDefects : Sample.Generate(options);
            foreach (var line in sample.Lines)
            {
                if (ContractCheck.Reject(line) is not null)
                {
                    continue;
                }

                var at = ContractCheck.ParseTime(Root(line).GetProperty("occurred_at").GetString()!)!.Value;
                Assert.InRange(at, options.End - options.Period, options.End);
            }
        }
    }

    [Fact]
    public void Without_defects_lines_are_in_occurred_at_order()
    {
        var previous = DateTimeOffset.MinValue;
        foreach (var line in Sample.WithoutDefects.Lines)
        {
            var at = ContractCheck.ParseTime(Root(line).GetProperty("occurred_at").GetString()!)!.Value;
            Assert.True(at >= previous, $"{line} comes after {previous:O}");
            previous = at;
        }
    }

    [Fact]
    public void Event_ids_are_unique_within_each_workspace()
    {
        var seen = new HashSet<(string, string)>();
        foreach (var line in Sample.WithoutDefects.Lines)
        {
            var root = Root(line);
            Assert.True(seen.Add((root.GetProperty("workspace_id").GetString()!, root.GetProperty("event_id").GetString()!)), line);
        }
    }

    [Fact]
    public void Types_carry_the_fields_of_the_contract()
    {
        foreach (var line in Sample.WithoutDefects.Lines)
        {
            var root = Root(line);
            switch (root.GetProperty("type").GetString())
            {
                case "message.inbound":
                    Assert.False(string.IsNullOrEmpty(root.GetProperty("message").GetProperty("kind").GetString()));
                    if (root.TryGetProperty("conversation", out var conversation))
                    {
                        Assert.StartsWith("conv_", conversation.GetProperty("id").GetString(), StringComparison.Ordinal);
                        Assert.True(conversation.GetProperty("version").GetInt32() > 0);
                    }

                    break;
                case "message.outbound":
                    Assert.Contains(root.GetProperty("sender").GetString(), s_senders);
                    break;
                case "node.reached":
                    Assert.StartsWith("n_", root.GetProperty("node_id").GetString(), StringComparison.Ordinal);
                    break;
                case "flow.redirected":
                    Assert.StartsWith("conv_", root.GetProperty("to").GetProperty("conversation").GetProperty("id").GetString(), StringComparison.Ordinal);
                    break;
                case "deployment.created":
                    Assert.StartsWith("dep-", root.GetProperty("deployment_id").GetString(), StringComparison.Ordinal);
                    Assert.True(root.GetProperty("conversation").GetProperty("version").GetInt32() > 0);
                    break;
                case "deployment.status":
                    var status = root.GetProperty("status").GetString();
                    Assert.Contains(status, s_statuses);
                    Assert.False(root.TryGetProperty("user", out _));
                    if (status != "failed")
                    {
                        Assert.False(root.TryGetProperty("error", out _));
                    }

                    break;
                default:
                    break;
            }
        }
    }

    [Fact]
    public void Deployment_ids_are_unique_and_statuses_follow_their_deployment_without_defects()
    {
        var created = new HashSet<(string, string)>();
        foreach (var line in Sample.WithoutDefects.Lines)
        {
            var root = Root(line);
            var type = root.GetProperty("type").GetString();
            if (type is not ("deployment.created" or "deployment.status"))
            {
                continue;
            }

            var key = (root.GetProperty("workspace_id").GetString()!, root.GetProperty("deployment_id").GetString()!);
            if (type == "deployment.created")
            {
                Assert.True(created.Add(key), $"{key} created twice");
            }
            else
            {
                Assert.Contains(key, created);
            }
        }
    }

    private static JsonElement Root(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }
}
