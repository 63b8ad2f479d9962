using System.Diagnostics;
using System.Diagnostics.Metrics;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Api;

namespace AnalyticsCenter.Web;

/// <summary>
/// The server's own instruments (meter <c>AnalyticsCenter</c>), exported with ASP.NET Core's HTTP metrics as Prometheus
/// text at <c>/metrics</c>: events by outcome, rejections by reason, the writer queue's depth, refresh and query durations.
/// Tags carry categories only, never workspaces, keys or values.
/// </summary>
internal sealed class AnalyticsMetrics
{
    public const string MeterName = "AnalyticsCenter";

    /// <summary>Seconds, from a fast query to a long refresh (the default buckets are for milliseconds).</summary>
    private static readonly InstrumentAdvice<double> s_seconds = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    };

    private readonly Counter<long> _events;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _refreshSeconds;
    private readonly Histogram<double> _querySeconds;
    private readonly Counter<long> _reportAnswers;

    public AnalyticsMetrics(IMeterFactory meters, WriterQueue writer)
    {
        var meter = meters.Create(MeterName);
        _events = meter.CreateCounter<long>("analytics.ingest.events", "{event}", "Events received over HTTP, by outcome: accepted (stored) or duplicate");
        _rejected = meter.CreateCounter<long>("analytics.ingest.rejected", "{line}", "Lines rejected over HTTP, by reason");
        meter.CreateObservableGauge("analytics.ingest.queue.depth", () => writer.Depth, "{request}",
            "Writes waiting for the store's writers or holding one");
        _refreshSeconds = meter.CreateHistogram<double>("analytics.refresh.duration", "s",
            "How long refreshes took, by trigger (schedule or request) and outcome", advice: s_seconds);
        _querySeconds = meter.CreateHistogram<double>("analytics.query.duration", "s",
            "How long read endpoints (queries, reports, table pages, status) took, by route", advice: s_seconds);
        _reportAnswers = meter.CreateCounter<long>("analytics.report.answers", "{answer}",
            "Ready reports' answers, by how: kept (sent again unchanged), computed (for a request) or renewed (after a refresh or an upload)");
    }

    /// <summary>Counts a report's answer: <c>kept</c>, <c>computed</c> or <c>renewed</c>.</summary>
    public void ReportAnswered(string how) => _reportAnswers.Add(1, new KeyValuePair<string, object?>("how", how));

    public void Ingested(IngestReport report)
    {
        _events.Add(report.Accepted, new KeyValuePair<string, object?>("outcome", "accepted"));
        _events.Add(report.Duplicates, new KeyValuePair<string, object?>("outcome", "duplicate"));
        foreach (var (reason, count) in report.RejectedByReason)
        {
            _rejected.Add(count, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    /// <summary>Runs a refresh off the request's or scheduler's thread and records how long it took and whether it succeeded.</summary>
    public async Task<RefreshReport> TimeRefreshAsync(string trigger, TimeProvider time, Func<Task<RefreshReport>> refresh, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var report = await Task.Run(refresh, cancellationToken);
            Refreshed(trigger, time.GetElapsedTime(started), succeeded: true);
            return report;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Refreshed(trigger, time.GetElapsedTime(started), succeeded: false);
            throw;
        }
    }

    private void Refreshed(string trigger, TimeSpan elapsed, bool succeeded) =>
        _refreshSeconds.Record(elapsed.TotalSeconds, new("trigger", trigger), new("outcome", succeeded ? "ok" : "failed"));

    /// <summary>Times every read endpoint of a group (its handler streams the answer, so this is the whole query).</summary>
    public async ValueTask<object?> TimeQuery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next(context);
        }
        finally
        {
            var route = (context.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unknown";
            _querySeconds.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("route", route));
        }
    }
}
