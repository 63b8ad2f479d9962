using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Query;

/// <summary>
/// A ready report as one workspace runs it: its own SQL, or an extra's that reads the tables the workspace uploaded, with
/// notes saying which uploads would add more. Every caller that runs or shows a report's SQL gets it here
/// (<see cref="ForWorkspaceAsync"/>), so a report reads the same uploads wherever it is run.
/// </summary>
public sealed class ReportVariant
{
    internal ReportVariant(ReadyReport report, ReportExtra? extra, IReadOnlyList<string> notes)
    {
        Report = report;
        Extra = extra;
        Notes = notes;
        Parameters = [.. report.Parameters.Concat(extra?.Parameters ?? []).Distinct()];
    }

    public ReadyReport Report { get; }

    /// <summary>The extra its SQL is, or null for the report's own.</summary>
    public ReportExtra? Extra { get; }

    /// <summary>One sentence each: an upload that would add columns, or one that is there but lacks a column the report needs.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The parameters its SQL uses.</summary>
    public IReadOnlyList<ReportParameter> Parameters { get; }

    /// <summary>The report's variant for <paramref name="workspace"/>, by the tables it uploaded.</summary>
    /// <exception cref="QueryRefusedException">The variant reads ad_spend, whose rows name more than one currency.</exception>
    public static async Task<ReportVariant> ForWorkspaceAsync(
        ReadyReport report, IWorkspaceUploads uploads, ITenantQueries tenants, WorkspaceId workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(uploads);
        ArgumentNullException.ThrowIfNull(tenants);
        var variant = report.For(await uploads.ListUploadsAsync(workspace, cancellationToken));
        if (variant.Extra?.Uploads.Contains(ReportUpload.AdSpend) == true)
        {
            // Spend is summed and divided: amounts in two currencies would add up to a number in neither.
            var currencies = await tenants.QueryAsync(workspace, ReportSql.Read(tenants.Dialect, "ad-spend-currencies"), new Dictionary<string, object?>(),
                async reader =>
                {
                    var read = new List<string>();
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        read.Add(reader.GetString(0));
                    }

                    return read;
                }, cancellationToken);
            if (currencies.Count > 1)
            {
                throw new QueryRefusedException(
                    $"ad_spend holds spend in {currencies.Count} currencies ({string.Join(", ", currencies)}); the report adds spend up, "
                    + "so it needs one: upload ad_spend converted to a single currency");
            }
        }

        return variant;
    }

    /// <summary>Its SQL in <paramref name="dialect"/>, filters written in.</summary>
    public string Sql(SqlDialect dialect) => Extra is null ? Report.Sql(dialect) : ReadyReport.Sql(dialect, Extra.FileName(Report.Name));

    /// <summary>Its SQL to read and adapt (<see cref="ReadyReport.ReadableSql"/>); an extra's SQL is already plain.</summary>
    public string ReadableSql(SqlDialect dialect) => Extra is null ? Report.ReadableSql(dialect) : Sql(dialect);

    /// <summary>The values to run it with (<see cref="ReadyReport.Bind(IReadOnlyDictionary{string, object?})"/>), for its <see cref="Parameters"/>.</summary>
    public IReadOnlyDictionary<string, object?> Bind(IReadOnlyDictionary<string, object?>? values = null) => ReadyReport.Bind(Parameters, values);

    public override string ToString() => Extra is null ? Report.Name : Extra.FileName(Report.Name);
}
