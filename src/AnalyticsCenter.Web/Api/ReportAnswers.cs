using System.Globalization;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// Ready reports' answers as the API sends them, kept until the workspace's data changes (<see cref="KeptReports"/>), and
/// computed again after a change for the answers people were reading, so the next look at a dashboard is a kept answer too.
/// </summary>
internal sealed partial class ReportAnswers(
    ITenantQueries store, IWorkspaceUploads uploads, IDataVersions versions, KeptReports kept, TimeProvider time, AnalyticsMetrics metrics,
    IHostApplicationLifetime lifetime, ILogger<ReportAnswers> log)
{
    /// <summary>How many of a workspace's answers a refresh computes again: the most recently read ones.</summary>
    private const int RenewedAnswers = 20;

    /// <summary>
    /// Answers the request with <paramref name="report"/>'s rows: the answer kept at <paramref name="version"/> (its age in
    /// the <c>Age</c> header), or, when none is or the request says <c>Cache-Control: no-cache</c>, computed and kept.
    /// </summary>
    /// <exception cref="QueryFailedException">As <see cref="ITenantQueries.QueryAsync"/>.</exception>
    /// <exception cref="QueryTimedOutException">As <see cref="ITenantQueries.QueryAsync"/>.</exception>
    public async Task WriteAsync(
        HttpContext context, WorkspaceId workspace, long version, ReportVariant report, IReadOnlyDictionary<string, object?> values, ResultFormat format)
    {
        var bound = report.Bind(values);
        var key = KeyOf(workspace, report, format, bound);
        var fresh = context.Request.Headers.CacheControl.Any(v => v?.Contains("no-cache", StringComparison.OrdinalIgnoreCase) == true);
        if (!fresh && kept.Find(key, version) is { } answer)
        {
            context.Response.ContentType = answer.ContentType;
            var age = Math.Max(0, (long)(time.GetUtcNow() - answer.ComputedAt).TotalSeconds);
            context.Response.Headers.Age = age.ToString(CultureInfo.InvariantCulture);
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
            metrics.ReportAnswered("kept");
            return;
        }

        context.Response.ContentType = StreamedRows.ContentType(format);
        await ComputeAsync(key, version, report, values, bound, context.Response.Body, context.RequestAborted);
        metrics.ReportAnswered("computed");
    }

    /// <summary>
    /// Runs <paramref name="report"/> with <paramref name="bound"/> into <paramref name="output"/> as its rows come, and keeps
    /// the answer under <paramref name="key"/> at <paramref name="version"/>, which must have been read before (so no answer
    /// is kept under a version newer than its rows).
    /// </summary>
    /// <exception cref="QueryFailedException">As <see cref="ITenantQueries.QueryAsync"/>; nothing is kept.</exception>
    /// <exception cref="QueryTimedOutException">As <see cref="ITenantQueries.QueryAsync"/>; nothing is kept.</exception>
    private async Task ComputeAsync(
        KeptReportKey key, long version, ReportVariant report, IReadOnlyDictionary<string, object?> values, IReadOnlyDictionary<string, object?> bound,
        Stream output, CancellationToken cancellationToken)
    {
        var computedAt = time.GetUtcNow();
        await using var body = new KeepingStream(output, kept.LargestAnswer);
        await store.QueryAsync(key.Workspace, report.Sql(store.Dialect), bound,
            reader => ResultWriter.WriteAsync(reader, key.Format, body, null, cancellationToken), cancellationToken);
        if (body.Written is { } written)
        {
            kept.Keep(new KeptReport(key, version, written, StreamedRows.ContentType(key.Format), computedAt, report.Report, values));
        }
    }

    /// <summary>
    /// After a change to <paramref name="workspaces"/>' data (a refresh, an upload): each one's most recently read answers
    /// computed again at its new data version. Never throws: the change stands, and an answer not computed now (a timeout,
    /// a refused upload, the store gone, the host stopping) is let go, logged unless the host is stopping; its next
    /// request computes it.
    /// </summary>
    public async Task RenewAsync(IEnumerable<string> workspaces, CancellationToken cancellationToken)
    {
        try
        {
            await RenewEachAsync(workspaces, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: nothing is kept past it.
        }
        catch (Exception ex)
        {
            LogRenewalStopped(ex);
        }
    }

    /// <summary>
    /// Once <paramref name="context"/>'s answer is sent, after a change it made to <paramref name="workspace"/>'s data: that
    /// workspace's answers computed again, as <see cref="RenewAsync"/> does, until the host stops.
    /// </summary>
    public void RenewOnceAnswered(HttpContext context, WorkspaceId workspace) =>
        context.Response.OnCompleted(() => RenewAsync([workspace.Value], lifetime.ApplicationStopping));

    private async Task RenewEachAsync(IEnumerable<string> workspaces, CancellationToken cancellationToken)
    {
        foreach (var workspace in workspaces.Select(WorkspaceId.Parse))
        {
            var version = await versions.DataVersionAsync(workspace, cancellationToken);
            foreach (var older in kept.OlderThan(workspace, version).Take(RenewedAnswers))
            {
                kept.Forget(older.Key, older.Version);
                try
                {
                    // Its variant again: an upload may have changed which SQL the report runs.
                    var report = await ReportVariant.ForWorkspaceAsync(older.Report, uploads, store, workspace, cancellationToken);
                    var bound = report.Bind(older.Values);
                    await ComputeAsync(
                        KeyOf(workspace, report, older.Key.Format, bound), version, report, older.Values, bound, Stream.Null, cancellationToken);
                    metrics.ReportAnswered("renewed");
                }
                catch (Exception ex) when (ex is QueryFailedException or QueryTimedOutException or QueryRefusedException or StoreUnavailableException)
                {
                    LogNotRenewed(ex, older.Report.Name, workspace.Value);
                }
            }
        }
    }

    /// <summary>
    /// What an answer is kept by. Each value is written with its length (a null as <c>-</c>), so no two different sets of
    /// values give the same text, whatever characters a filter holds.
    /// </summary>
    internal static KeptReportKey KeyOf(WorkspaceId workspace, ReportVariant report, ResultFormat format, IReadOnlyDictionary<string, object?> bound) =>
        new(workspace, report.ToString(), format,
            string.Concat(bound.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Field(p.Key) + Field(Text(p.Value)))));

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime stamp => stamp.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string Field(string? text) => text is null ? "-;" : string.Create(CultureInfo.InvariantCulture, $"{text.Length}:{text};");

    [LoggerMessage(Level = LogLevel.Error, Message = "report answers were not all computed again after a change; their next requests will")]
    private partial void LogRenewalStopped(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "report {Report} of {Workspace} was not computed again after a change; its next request will")]
    private partial void LogNotRenewed(Exception error, string report, string workspace);
}
