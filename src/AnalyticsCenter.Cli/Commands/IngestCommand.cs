using System.CommandLine;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Cli.Commands;

/// <summary><c>analytics ingest FILE...</c>: NDJSON events into the store.</summary>
internal static class IngestCommand
{
    public static Command Create(TimeProvider time)
    {
        var files = new Argument<string[]>("FILE")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "NDJSON files of events, one JSON object per line; - reads standard input",
        };
        var command = new Command("ingest", "Read NDJSON events: keep the accepted ones, count duplicates, keep rejections with their reason") { files };
        command.SetAction((parse, ct) => CommandRunner.Run(async () =>
        {
            var paths = parse.GetValue(files)!;
            foreach (var path in paths.Where(p => p != "-" && !File.Exists(p)))
            {
                return CommandRunner.Fail(Directory.Exists(path)
                    ? $"cannot read {path}: it is a directory; give its NDJSON files (e.g. {Path.Combine(path, "*.ndjson")})"
                    : $"cannot read {path}: no such file", ExitCodes.Failure);
            }

            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            var retainedFrom = new RetentionStarts(time.GetUtcNow().UtcDateTime, await store.GetRetentionsAsync(ct), RetentionPeriod.Default);
            var reports = new List<(string Source, IngestReport Report)>();
            foreach (var path in paths)
            {
                try
                {
                    reports.Add((path == "-" ? "stdin" : path, await IngestOneAsync(store, path, retainedFrom, ct)));
                }
                catch (StoreUnavailableException ex)
                {
                    // Ingest commits as it goes and keeps each event once, so the way on is the same command.
                    throw new StoreUnavailableException(
                        $"{ex.Message}; the events committed before stay, so once the store is back run the same command again "
                        + "(those already stored count as duplicates)", ex);
                }
            }

            foreach (var (source, report) in reports)
            {
                Print(source, report);
            }

            if (reports.Count > 1)
            {
                var total = new IngestReport(
                    reports.Sum(r => r.Report.LinesRead), reports.Sum(r => r.Report.Accepted), reports.Sum(r => r.Report.Duplicates),
                    reports.SelectMany(r => r.Report.RejectedByReason).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)),
                    TimeSpan.FromTicks(reports.Sum(r => r.Report.Elapsed.Ticks)))
                { BeforeRetention = reports.Sum(r => r.Report.BeforeRetention) };
                Print("total", total);
            }

            WarnBeforeRetention(reports.Sum(r => r.Report.BeforeRetention), retainedFrom);

            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<IngestReport> IngestOneAsync(IEventIngest store, string path, RetentionStarts retainedFrom, CancellationToken ct)
    {
        if (path == "-")
        {
            await using var stdin = Console.OpenStandardInput();
            return await store.IngestAsync(stdin, new IngestOptions { Source = "stdin", RetainedFrom = retainedFrom }, ct);
        }

        return await IngestFileAsync(store, path, retainedFrom, ct);
    }

    /// <summary>Ingests one file, its full path as the rejections' source, with a progress bar on a terminal.</summary>
    internal static Task<IngestReport> IngestFileAsync(IEventIngest store, string path, CancellationToken ct) => IngestFileAsync(store, path, null, ct);

    /// <summary>
    /// Ingests one file, its full path as the rejections' source, with a progress bar on a terminal; the report counts the
    /// events before their workspace's window in <paramref name="retainedFrom"/>, when set.
    /// </summary>
    internal static async Task<IngestReport> IngestFileAsync(IEventIngest store, string path, RetentionStarts? retainedFrom, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var source = Path.GetFullPath(path);
        return await Progress.ShowAsync($"ingesting {Path.GetFileName(path)}", file.Length,
            progress => store.IngestAsync(file, new IngestOptions { Source = source, Progress = progress, RetainedFrom = retainedFrom }, ct));
    }

    /// <summary>Backfilled history is stored, then silently gone at the next refresh, unless someone says so now.</summary>
    internal static void WarnBeforeRetention(long events, RetentionStarts retainedFrom)
    {
        if (events > 0)
        {
            var before = retainedFrom.AnyConfigured
                ? $"before their workspace's retention window ({retainedFrom.Otherwise} unless the workspace set its own)"
                : $"before {TimeText.Of(retainedFrom.OtherwiseStartsAt)}, more than {retainedFrom.Otherwise} ago";
            Console.Error.WriteLine(
                $"warning: {events:N0} events occurred {before}: they are stored, but the next refresh drops them " +
                "(unless analytics workspace set ID --retention keeps more)");
        }
    }

    private static void Print(string source, IngestReport report)
    {
        Console.WriteLine(
            $"{source}: {report.LinesRead:N0} lines read: {report.Accepted:N0} accepted, {report.Duplicates:N0} duplicates, " +
            $"{report.Rejected:N0} rejected ({report.Elapsed.TotalSeconds:0.00} s)");
        foreach (var (reason, count) in report.RejectedByReason.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {count,10:N0}  {reason}");
        }
    }
}
