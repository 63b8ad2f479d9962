using System.CommandLine;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Cli.Commands;

/// <summary><c>analytics refresh [--as-of TIME]</c>.</summary>
internal static class RefreshCommand
{
    public static Command Create(TimeProvider time)
    {
        var asOf = new Option<string?>("--as-of")
        {
            Description = "Apply events up to this instant, RFC 3339 with an offset (default: now)",
            HelpName = "TIME",
        };
        var retention = new Option<string>("--retention")
        {
            Description = "For workspaces that set no window of their own (workspace set --retention), keep rows that began within this long "
                          + "before the as-of time: 30d (default), 12h, 90d…",
            HelpName = "DURATION",
        };
        var command = new Command(
            "refresh", "Bring the sessions and deployments tables of every workspace up to a point in time, and apply retention")
        {
            asOf, retention
        };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var instant = ParseInstant(parse.GetValue(asOf), time);
            var keep = parse.GetValue(retention) is { } text
                ? RetentionPeriod.TryParse(text, out var period)
                    ? period
                    : throw new UsageException($"--retention \"{text}\" is not a duration like 30d, 90d or 12h (at most 365d)")
                : (RetentionPeriod?)null;
            using var store = await CommandRunner.OpenStoreAsync(parse, new StoreOpenOptions { Retention = keep }, time, ct);
            var report = await RefreshAsync(store, instant, ct);
            Print(report);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Refreshes every workspace as of <paramref name="asOf"/>, with a spinner on a terminal.</summary>
    internal static Task<RefreshReport> RefreshAsync(ITableRefresh store, DateTime asOf, CancellationToken ct) =>
        Progress.StatusAsync("refreshing", () => store.RefreshAsync(asOf, ct));

    public static DateTime ParseInstant(string? text, TimeProvider time)
    {
        if (text is null)
        {
            return time.GetUtcNow().UtcDateTime;
        }

        return Instants.TryParse(text, out var utc, out var problem) ? utc : throw new UsageException($"--as-of {problem}");
    }

    internal static void Print(RefreshReport report)
    {
        foreach (var w in report.Workspaces)
        {
            Console.WriteLine(
                $"{w.Workspace}: {w.Sessions:N0} sessions, {w.Deployments:N0} deployments; recomputed {w.TimelinesRecomputed:N0} timelines " +
                $"from {w.EventsApplied:N0} events{(w.FullRebuild ? " (full rebuild)" : "")}" +
                $"{(w.EventsPurged > 0 ? $"; retention purged {w.EventsPurged:N0} events" : "")}");
        }

        Console.WriteLine($"refreshed {report.Workspaces.Count} workspace(s) as of {TimeText.Of(report.AsOfUtc)} in {report.Elapsed.TotalSeconds:0.00} s");
    }
}
