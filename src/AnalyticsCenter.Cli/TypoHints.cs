using System.CommandLine;

namespace AnalyticsCenter.Cli;

/// <summary>
/// "Did you mean …" for a word the command line did not match: the command's own subcommands and options that are a few
/// letters away. (The library's ParseErrorAction suggests too, but also for values, and on standard output.)
/// </summary>
internal static class TypoHints
{
    /// <summary>One line per unmatched word that is close to a name this command knows.</summary>
    public static IEnumerable<string> For(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var options = Lineage(command).SelectMany(c => c.Options.Where(o => c == command || o.Recursive)).ToList();
        foreach (var word in parsed.UnmatchedTokens.Distinct(StringComparer.Ordinal))
        {
            var names = word.StartsWith('-')
                ? options.SelectMany(o => o.Aliases.Prepend(o.Name))
                : command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
            var close = names.Distinct(StringComparer.Ordinal).Where(name => IsClose(word, name)).Order(StringComparer.Ordinal).ToList();
            if (close.Count > 0)
            {
                yield return $"'{word}' is not {(word.StartsWith('-') ? "an option" : "a command")} of analytics{Path(command)}: " +
                    $"did you mean {string.Join(" or ", close)}?";
            }
        }
    }

    /// <summary>The command and the commands above it: their recursive options apply to it.</summary>
    private static IEnumerable<Command> Lineage(Command command)
    {
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            yield return c;
        }
    }

    private static string Path(Command command) => command.Parents.OfType<Command>().FirstOrDefault() is { } parent
        ? Path(parent) + " " + command.Name
        : "";

    /// <summary>A misspelling: one edit for short names, more for longer ones, or the start of the name.</summary>
    private static bool IsClose(string word, string name) =>
        (word.Length >= 3 && name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
        || Distance(word.ToLowerInvariant(), name) <= Math.Max(1, name.Length / 4);

    /// <summary>Edits from one to the other: insertions, deletions, substitutions and swaps of two neighbours (optimal string alignment).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            for (var j = 0; j <= b.Length; j++)
            {
                d[i, j] = i == 0 ? j
                    : j == 0 ? i
                    : Math.Min(Math.Min(d[i, j - 1], d[i - 1, j]) + 1, d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
