namespace AnalyticsCenter.Query;

/// <summary>The SQL files embedded from Reports/.</summary>
internal static class ReportSql
{
    public static string Read(string name)
    {
        using var stream = typeof(ReportSql).Assembly.GetManifestResourceStream($"Reports/{name}.sql")
            ?? throw new InvalidOperationException($"report SQL {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
