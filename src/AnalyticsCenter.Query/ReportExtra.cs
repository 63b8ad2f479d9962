namespace AnalyticsCenter.Query;

/// <summary>
/// What a ready report adds when the workspace has uploaded some tables: its SQL is then Reports/DIALECT/NAME+UPLOAD….sql
/// (the uploads' names in the order given), which may take more parameters.
/// </summary>
/// <param name="Uploads">The uploads it reads, all needed.</param>
/// <param name="Parameters">The parameters it takes besides the report's own.</param>
/// <param name="Adds">What it adds, for the note a workspace without those uploads sees: "spend and cost per session".</param>
public sealed record ReportExtra(IReadOnlyList<ReportUpload> Uploads, IReadOnlyList<ReportParameter> Parameters, string Adds)
{
    /// <summary>The SQL file's name, without <c>.sql</c>, for <paramref name="report"/>.</summary>
    public string FileName(string report) => string.Join("+", Uploads.Select(u => u.Name).Prepend(report));
}
