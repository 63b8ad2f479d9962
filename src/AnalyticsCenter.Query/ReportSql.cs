using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Query;

/// <summary>The SQL files embedded from Reports/DIALECT/, with <c>\n</c> line endings whatever the checkout's.</summary>
internal static class ReportSql
{
    public static string Read(SqlDialect dialect, string name) =>
        EmbeddedText.Read(typeof(ReportSql).Assembly, $"Reports/{dialect}/{name}.sql").ReplaceLineEndings("\n");

    public static bool Exists(SqlDialect dialect, string name) =>
        typeof(ReportSql).Assembly.GetManifestResourceInfo($"Reports/{dialect}/{name}.sql") is not null;
}
