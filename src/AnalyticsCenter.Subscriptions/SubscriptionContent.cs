using System.Globalization;
using System.Numerics;
using System.Text;
using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Subscriptions;

/// <summary>Runs a subscription's or an alert's saved query or report as its workspace and gives what to deliver or watch.</summary>
public sealed class SubscriptionContent(
    ISavedQueries savedQueries, ITenantQueries tenants, IWorkspaceSettings settings, IWorkspaceUploads uploads, SubscriptionOptions options)
{
    /// <summary>The content of subscriptions and alerts read from one store's roles.</summary>
    public static SubscriptionContent Over<TStore>(TStore store, SubscriptionOptions options)
        where TStore : ISavedQueries, ITenantQueries, IWorkspaceSettings, IWorkspaceUploads => new(store, store, store, store, options);

    /// <summary>The result of <paramref name="subscription"/>'s source now.</summary>
    /// <exception cref="SubscriptionSourceException">Its saved query was deleted, its report is unknown, or its parameters do not fit.</exception>
    /// <exception cref="QueryRefusedException">As <see cref="ITenantQueries.QueryAsync"/>.</exception>
    /// <exception cref="QueryFailedException">As <see cref="ITenantQueries.QueryAsync"/>.</exception>
    /// <exception cref="QueryTimedOutException">As <see cref="ITenantQueries.QueryAsync"/>.</exception>
    public async Task<ResultAttachment> RunAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var request = subscription.Request;
        var (title, sql, parameters) = await SourceAsync(request.Workspace, request.Source, request.SourceRef, request.Parameters, cancellationToken);
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

    /// <summary>
    /// The number <paramref name="alert"/> watches: its metric column's value in its source's first row (by default the
    /// first numeric column's); null when it returns no rows.
    /// </summary>
    /// <exception cref="SubscriptionSourceException">
    /// As <see cref="RunAsync"/>, or it has no such numeric column, or its first row has no number (for an alert that needs one).
    /// </exception>
    /// <exception cref="QueryRefusedException">As <see cref="ITenantQueries.QueryAsync"/>.</exception>
    /// <exception cref="QueryFailedException">As <see cref="ITenantQueries.QueryAsync"/>.</exception>
    /// <exception cref="QueryTimedOutException">As <see cref="ITenantQueries.QueryAsync"/>.</exception>
    public async Task<(string Title, double? Value)> NumberAsync(NewAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var (title, sql, parameters) = await SourceAsync(alert.Workspace, alert.Source, alert.SourceRef, alert.Parameters, cancellationToken);
        var (numeric, rows, value) = await tenants.QueryAsync(alert.Workspace, sql, parameters, async reader =>
        {
            var numeric = NumericColumns(reader);
            var column = alert.Metric.Length == 0
                ? numeric.Select(c => c.Ordinal).DefaultIfEmpty(-1).First()
                : numeric.Where(c => c.Name == alert.Metric).Select(c => c.Ordinal).DefaultIfEmpty(-1).First();
            if (column < 0 || !await reader.ReadAsync(cancellationToken))
            {
                return (numeric, false, (double?)null);
            }

            return (numeric, true, reader.IsDBNull(column) ? null : Number(reader.GetValue(column)));
        }, cancellationToken);
        if (alert.Metric.Length > 0 && !numeric.Any(c => c.Name == alert.Metric))
        {
            throw new SubscriptionSourceException(MetricProblem(title, alert.Metric, numeric.Select(c => c.Name)));
        }

        if (rows && value is null && alert.Operator != AlertOperator.NoRows)
        {
            throw new SubscriptionSourceException($"the first row of {title} has no number (a numeric column that is not NULL)");
        }

        return (title, value);
    }

    /// <summary>The names of the numeric columns a saved query or report gives, what an alert may watch (it runs; its rows are not read).</summary>
    /// <exception cref="SubscriptionSourceException">As <see cref="RunAsync"/>.</exception>
    /// <exception cref="QueryRefusedException">As <see cref="ITenantQueries.QueryAsync"/>.</exception>
    /// <exception cref="QueryFailedException">As <see cref="ITenantQueries.QueryAsync"/>.</exception>
    /// <exception cref="QueryTimedOutException">As <see cref="ITenantQueries.QueryAsync"/>.</exception>
    public async Task<(string Title, IReadOnlyList<string> Columns)> NumericColumnsAsync(
        WorkspaceId workspace, SourceKind source, string sourceRef, string parameters, CancellationToken cancellationToken)
    {
        var (title, sql, values) = await SourceAsync(workspace, source, sourceRef, parameters, cancellationToken);
        var columns = await tenants.QueryAsync(workspace, sql, values,
            reader => Task.FromResult<IReadOnlyList<string>>([.. NumericColumns(reader).Select(c => c.Name)]), cancellationToken);
        return (title, columns);
    }

    /// <summary>The saved query's name or the report's title of <paramref name="alert"/>'s source; its reference when it is gone.</summary>
    public async Task<string> TitleAsync(NewAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        try
        {
            return (await SourceAsync(alert.Workspace, alert.Source, alert.SourceRef, alert.Parameters, cancellationToken)).Title;
        }
        catch (SubscriptionSourceException)
        {
            return alert.SourceRef;
        }
    }

    /// <summary>Why <paramref name="metric"/> cannot be watched in <paramref name="title"/>, naming the columns that can.</summary>
    public static string MetricProblem(string title, string metric, IEnumerable<string> numeric) =>
        numeric.Any()
            ? $"\"{metric}\" is not a numeric column of {title}: choose one of {string.Join(", ", numeric)}"
            : $"\"{metric}\" is not a numeric column of {title}, which has none";

    private static List<(int Ordinal, string Name)> NumericColumns(System.Data.Common.DbDataReader reader) =>
        [.. Enumerable.Range(0, reader.FieldCount).Where(i => IsNumber(reader.GetFieldType(i))).Select(i => (i, reader.GetName(i)))];

    private static bool IsNumber(Type type) =>
        type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort) || type == typeof(int) || type == typeof(uint)
        || type == typeof(long) || type == typeof(ulong) || type == typeof(float) || type == typeof(double) || type == typeof(decimal)
        || type == typeof(BigInteger);

    private static double Number(object value) =>
        value is BigInteger big ? (double)big : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private async Task<(string Title, string Sql, IReadOnlyDictionary<string, object?> Parameters)> SourceAsync(
        WorkspaceId workspace, SourceKind source, string sourceRef, string parameters, CancellationToken cancellationToken)
    {
        if (source == SourceKind.SavedQuery)
        {
            var saved = (await savedQueries.ListSavedQueriesAsync(workspace, cancellationToken)).FirstOrDefault(q => q.Id == sourceRef)
                ?? throw new SubscriptionSourceException($"saved query {sourceRef} no longer exists in {workspace}");
            return (saved.Name, saved.Sql, new Dictionary<string, object?>());
        }

        var report = ReadyReport.Find(sourceRef) ?? throw new SubscriptionSourceException($"\"{sourceRef}\" is not a report");
        try
        {
            var values = ReportValues.Read(report, parameters, await settings.GetTimeZoneAsync(workspace, cancellationToken));
            var variant = await ReportVariant.ForWorkspaceAsync(report, uploads, tenants, workspace, cancellationToken);
            return (report.Title, variant.Sql(tenants.Dialect), variant.Bind(values));
        }
        catch (FormatException ex)
        {
            throw new SubscriptionSourceException(ex.Message, ex);
        }
    }
}
