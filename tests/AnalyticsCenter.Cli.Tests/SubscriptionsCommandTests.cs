using System.Text.RegularExpressions;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Delivery;

namespace AnalyticsCenter.Cli.Tests;

/// <summary><c>analytics subscriptions add|list|run-now|history|remove</c> through the real program, to a loopback webhook.</summary>
public sealed partial class SubscriptionsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ac-subs-").FullName;

    private Analytics.Result Run(params string[] args) => Analytics.Run(_folder, args);

    [GeneratedRegex("added subscription ([0-9a-f]{16})")]
    private static partial Regex Added();

    [Fact]
    public async Task A_report_subscription_is_added_listed_run_now_shown_in_history_and_removed()
    {
        await using var receiver = new LoopbackWebhookReceiver([503]);
        var events = Path.Combine(_folder, "events.ndjson");
        await File.WriteAllTextAsync(events, new EventLines().Inbound("10:00:00") + "\n", TestContext.Current.CancellationToken);
        Assert.Equal(0, Run("ingest", events).ExitCode);

        var added = Run("subscriptions", "add", "--workspace", "acme", "--name", "rates", "--report", "delivery-rate", "--param", "by=week",
            "--schedule", "daily 08:00", "--webhook", receiver.Url);
        Assert.Equal(0, added.ExitCode);
        var id = Added().Match(added.Output).Groups[1].Value;
        Assert.Matches("(?m)^[0-9a-f]{64}$", added.Output);

        var listed = Run("subscriptions", "list");
        Assert.Contains(id, listed.Output, StringComparison.Ordinal);
        Assert.Contains("daily 08:00", listed.Output, StringComparison.Ordinal);

        var ran = Run("subscriptions", "run-now", id);
        Assert.Equal(0, ran.ExitCode);
        Assert.Contains($"delivered {id}-", ran.Output, StringComparison.Ordinal);
        Assert.Equal([503, 200], receiver.Received.Select(r => r.AnsweredStatus));

        var history = Run("subscriptions", "history", "--workspace", "acme");
        Assert.Contains("delivered", history.Output, StringComparison.Ordinal);
        Assert.Equal(0, Run("subscriptions", "remove", "--workspace", "acme", id).ExitCode);
        Assert.Equal(1, Run("subscriptions", "remove", "--workspace", "acme", id).ExitCode);
    }

    [Fact]
    public void A_schedule_that_does_not_read_is_refused_in_words()
    {
        var refused = Run("subscriptions", "add", "--workspace", "acme", "--name", "n", "--report", "delivery-rate", "--schedule", "every morning",
            "--email", "a@example.com");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("daily 08:00", refused.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
