using System.Text;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Subscriptions;

/// <summary>Runs a subscription's saved query or report as its workspace and gives what to deliver.</summary>
public sealed class SubscriptionContent(ISavedQueries savedQueries, ITenantQueries tenants, IWorkspaceSettings settings, SubscriptionOptions options)
{
    /// <summary>The result of <paramref name="subscription"/>'s source now.</summary>
    /// <exception cref="SubscriptionSourceException">Its saved query was deleted, its report is unknown, or its parameters do not fit.</exception>
    /// <exception cref="QueryRefusedException">As <see cref="ITenantQueries.QueryAsync"/>.</exception>
    /// <exception cref="QueryFailedException">As <see cref="ITenantQueries.QueryAsync"/>.</exception>
    /// <exception cref="QueryTimedOutException">As <see cref="ITenantQueries.QueryAsync"/>.</exception>
    public async Task<ResultAttachment> RunAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var request = subscription.Request;
        var (title, sql, parameters) = await SourceAsync(request, cancellationToken);
        using var csv = new CappedStream(options.MaxCsvBytes);
        var total = await tenants.QueryAsync(request.Workspace, sql, parameters,
            reader => ResultWriter.WriteAsync(reader, ResultFormat.Csv, csv, null, cancellationToken), cancellationToken);

        var text = Encoding.UTF8.GetString(csv.Kept.Span);
        var records = CsvRecords.Read(text, csv.Overflowed ? int.MaxValue : options.PreviewRows + 1);
        var columns = records.Count > 0 ? records[0].Fields.Select(f => f ?? "").ToList() : [];
        var kept = csv.Overflowed ? Encoding.UTF8.GetBytes(text[..(records.Count > 0 ? records[^1].End : 0)]) : csv.Kept.ToArray();
        var keptRows = csv.Overflowed ? Math.Max(records.Count - 1, 0) : total;
        var first = records.Skip(1).Take(options.PreviewRows).Select(r => r.Fields).ToList();
        return new ResultAttachment(title, columns, first, total, kept, keptRows);
    }

    private async Task<(string Title, string Sql, IReadOnlyDictionary<string, object?> Parameters)> SourceAsync(
        NewSubscription request, CancellationToken cancellationToken)
    {
        if (request.Source == SourceKind.SavedQuery)
        {
            var saved = (await savedQueries.ListSavedQueriesAsync(request.Workspace, cancellationToken)).FirstOrDefault(q => q.Id == request.SourceRef)
                ?? throw new SubscriptionSourceException($"saved query {request.SourceRef} no longer exists in {request.Workspace}");
            return (saved.Name, saved.Sql, new Dictionary<string, object?>());
        }

        var report = ReadyReport.Find(request.SourceRef) ?? throw new SubscriptionSourceException($"\"{request.SourceRef}\" is not a report");
        try
        {
            var values = ReportValues.Read(report, request.Parameters, await settings.GetTimeZoneAsync(request.Workspace, cancellationToken));
            return (report.Title, report.Sql(tenants.Dialect), report.Bind(values));
        }
        catch (FormatException ex)
        {
            throw new SubscriptionSourceException(ex.Message, ex);
        }
    }
}
