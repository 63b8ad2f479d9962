using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// The functions tenant SQL may call and why the others are refused, read from <c>TenantFunctions.txt</c> (which says
/// how the list is written and kept).
/// </summary>
internal sealed class TenantFunctionList
{
    private const string Unlisted =
        "it is not among the functions a query may call (functions of values, aggregates, window functions, and range, generate_series and unnest)";

    private readonly Dictionary<string, TenantFunctionKind> _allowed = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _qualified = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<TenantFunctionRefusal> _refused = [];

    private TenantFunctionList()
    {
    }

    /// <summary>The list the guard checks queries with.</summary>
    public static TenantFunctionList Default { get; } = Parse(EmbeddedText.Read(typeof(TenantFunctionList).Assembly, "TenantFunctions.txt"));

    /// <summary>The allowed functions, each with its kind.</summary>
    public IReadOnlyDictionary<string, TenantFunctionKind> Allowed => _allowed;

    /// <summary>The names the parser itself writes as <c>main.name</c>, the only qualified calls allowed.</summary>
    public IReadOnlySet<string> ParserQualified => _qualified;

    /// <summary>The refused names and prefixes, with why.</summary>
    public IReadOnlyList<TenantFunctionRefusal> Refused => _refused;

    /// <summary>Whether an expression may call <paramref name="name"/>.</summary>
    public bool Allows(string name) => _allowed.ContainsKey(name);

    /// <summary>Whether FROM may call <paramref name="name"/>.</summary>
    public bool AllowsInFrom(string name) => _allowed.TryGetValue(name, out var kind) && kind == TenantFunctionKind.Generator;

    /// <summary>Why <paramref name="name"/> is refused: the reason listed for its exact name, else for its longest prefix.</summary>
    public string WhyRefused(string name) =>
        _refused.Where(r => r.Matches(name)).OrderBy(r => r.IsPrefix).ThenByDescending(r => r.Pattern.Length).FirstOrDefault()?.Reason ?? Unlisted;

    /// <summary>Reads the list's text; a line the format does not know is an error, so a typo cannot go unnoticed.</summary>
    public static TenantFunctionList Parse(string text)
    {
        var list = new TenantFunctionList();
        Action<string>? add = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                add = list.Section(line);
                continue;
            }

            var name = line.Split('#', 2)[0].Trim();
            if (add is null || name.Contains(' ', StringComparison.Ordinal))
            {
                throw new FormatException($"TenantFunctions.txt: \"{line}\" is not a name in a section");
            }

            add(name);
        }

        return list;
    }

    private Action<string> Section(string header)
    {
        var end = header.IndexOf(']', StringComparison.Ordinal);
        var title = end < 0 ? header : header[1..end];
        if (title == "refuse")
        {
            var reason = header[(end + 1)..].Trim();
            return reason.Length > 0
                ? name => _refused.Add(new TenantFunctionRefusal(name, reason))
                : throw new FormatException($"TenantFunctions.txt: \"{header}\" says no reason after [refuse]");
        }

        if (title == "allow qualified main")
        {
            return name => Once(_qualified.Add(name), name);
        }

        var kind = Enum.GetValues<TenantFunctionKind>().Cast<TenantFunctionKind?>()
            .FirstOrDefault(k => string.Equals(title, $"allow {k}", StringComparison.OrdinalIgnoreCase));
        return kind is { } allowed
            ? name => Once(_allowed.TryAdd(name, allowed), name)
            : throw new FormatException($"TenantFunctions.txt: \"{header}\" is not a section this list knows");
    }

    private static void Once(bool added, string name)
    {
        if (!added)
        {
            throw new FormatException($"TenantFunctions.txt: {name} is allowed twice");
        }
    }
}
