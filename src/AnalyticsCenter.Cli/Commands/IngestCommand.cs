using System.CommandLine;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Cli.Commands;

/// <summary><c>analytics ingest FILE...</c>: NDJSON events into the store.</summary>
internal static class IngestCommand
{
    public static Command Create()
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
                return CommandRunner.Fail($"cannot read {path}: no such file", ExitCodes.Failure);
            }

            using var store = await CommandRunner.OpenStoreAsync(parse, null, null, ct);
            var reports = new List<(string Source, IngestReport Report)>();
            foreach (var path in paths)
            {
                reports.Add((path == "-" ? "stdin" : path, await IngestOneAsync(store, path, ct)));
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
                    TimeSpan.FromTicks(reports.Sum(r => r.Report.Elapsed.Ticks)));
                Print("total", total);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<IngestReport> IngestOneAsync(IEventIngest store, string path, CancellationToken ct)
    {
        if (path == "-")
        {
            await using var stdin = Console.OpenStandardInput();
            return await store.IngestAsync(stdin, new IngestOptions { Source = "stdin" }, ct);
        }

        return await IngestFileAsync(store, path, ct);
    }

    /// <summary>Ingests one file, its full path as the rejections' source, with a progress bar on a terminal.</summary>
    internal static async Task<IngestReport> IngestFileAsync(IEventIngest store, string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var source = Path.GetFullPath(path);
        return await Progress.ShowAsync($"ingesting {Path.GetFileName(path)}", file.Length,
            progress => store.IngestAsync(file, new IngestOptions { Source = source, Progress = progress }, ct));
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
