using System.Text.RegularExpressions;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Query;

/// <summary>
/// The SQL files embedded from Reports/DIALECT/, with <c>\n</c> line endings whatever the checkout's. A line
/// <c>{include:NAME}</c> (or <c>{include:NAME},</c>) is replaced by NAME.sql of the same dialect at its indent: a part
/// several reports share (the attribution of uploaded conversions to sessions, a report an extra builds on), written once.
/// </summary>
internal static partial class ReportSql
{
    public static string Read(SqlDialect dialect, string name) =>
        Include().Replace(Text(dialect, name), line => string.Join("\n",
            Read(dialect, line.Groups["name"].Value).TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? l : line.Groups["indent"].Value + l))
            + line.Groups["comma"].Value);

    public static bool Exists(SqlDialect dialect, string name) =>
        typeof(ReportSql).Assembly.GetManifestResourceInfo($"Reports/{dialect}/{name}.sql") is not null;

    private static string Text(SqlDialect dialect, string name) =>
        EmbeddedText.Read(typeof(ReportSql).Assembly, $"Reports/{dialect}/{name}.sql").ReplaceLineEndings("\n");

    [GeneratedRegex(@"^(?<indent> *)\{include:(?<name>[a-z_+-]+)\}(?<comma>,?)$", RegexOptions.Multiline)]
    private static partial Regex Include();
}
