using System.Text.RegularExpressions;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// The check of format()'s format string in tenant SQL: a width pads to any size, and format takes arguments of any type,
/// so no bounded stand-in can shadow it. As on DuckDB, a width of five digits or more, or one given as an argument
/// (<c>*</c>), is refused.
/// </summary>
internal static partial class FormatWidths
{
    /// <summary>The text of a plain <c>'…'</c> or dollar-quoted literal as written in a query; null for any other token.</summary>
    public static string? Content(string literal)
    {
        if (literal.Length >= 2 && literal[0] == '\'' && literal[^1] == '\'')
        {
            return literal[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        var tag = literal.StartsWith('$') ? literal[..(literal.IndexOf('$', 1) + 1)] : "";
        return tag.Length > 0 && literal.Length >= 2 * tag.Length ? literal[tag.Length..^tag.Length] : null;
    }

    /// <summary>Null when every width of <paramref name="format"/> is at most four digits; otherwise why it is refused.</summary>
    public static string? Check(string format) =>
        Specifier().Matches(format).Any(m => m.Groups["width"].Success)
            ? "a width in format() may have at most four digits, and may not be given as an argument (*)"
            : null;

    // %% is a percent sign; otherwise %[position$][flags][width]type, the width being digits, * or *position$.
    [GeneratedRegex(@"%%|%(?:[0-9]+\$)?-*(?<width>\*|[0-9]{5,})?", RegexOptions.CultureInvariant)]
    private static partial Regex Specifier();
}
