using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// The names tenant SQL may call on PostgreSQL, read from <c>TenantFunctions.postgresql.txt</c> (which says how the list
/// is written and kept), and the keywords the parser calls without parentheses.
/// </summary>
internal sealed class TenantFunctionList
{
    private const string FileName = "TenantFunctions.postgresql.txt";

    private const string Unlisted = "it is not among the functions a query may call (functions of values, aggregates and window functions)";

    private readonly Dictionary<string, TenantFunctionKind> _allowed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bareCalls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);

    private TenantFunctionList()
    {
    }

    /// <summary>The list the check reads queries with.</summary>
    public static TenantFunctionList Default { get; } = Parse(EmbeddedText.Read(typeof(TenantFunctionList).Assembly, FileName));

    /// <summary>Every allowed name, functions and constructs, each with its kind.</summary>
    public IReadOnlyDictionary<string, TenantFunctionKind> Allowed => _allowed;

    /// <summary>The keywords PostgreSQL reads as a call with no parentheses (<c>current_user</c>).</summary>
    public IReadOnlySet<string> BareCalls => _bareCalls;

    /// <summary>The functions of pg_proc the list refuses, each with why.</summary>
    public IReadOnlyDictionary<string, string> Refused => _refused;

    /// <summary>Why <paramref name="name"/> is refused: the reason listed for it, or that it is not on the list.</summary>
    public string WhyRefused(string name) => _refused.GetValueOrDefault(name, Unlisted);

    /// <summary>Whether <paramref name="name"/>, as PostgreSQL normalizes it, may be called.</summary>
    /// <param name="name">The name, schema-qualified (<c>s.f</c>) if the call is.</param>
    /// <param name="construct">Whether the call is written as an unquoted keyword, so syntax (CAST, IN…) counts too.</param>
    public bool Allows(string name, bool construct) =>
        _allowed.TryGetValue(name, out var kind) && (construct || kind != TenantFunctionKind.Construct);

    /// <summary>Reads the list's text; a line the format does not know is an error, so a typo cannot go unnoticed.</summary>
    public static TenantFunctionList Parse(string text)
    {
        var list = new TenantFunctionList();
        Func<string, bool>? add = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#', 2)[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '[')
            {
                add = list.Section(raw.Trim());
                continue;
            }

            if (add is null || line.Any(char.IsWhiteSpace))
            {
                throw new FormatException($"{FileName}: \"{line}\" is not a name in a section");
            }

            if (!add(line))
            {
                throw new FormatException($"{FileName}: {line} is listed twice");
            }
        }

        return list;
    }

    private Func<string, bool> Section(string header)
    {
        if (header == "[bare call]")
        {
            return _bareCalls.Add;
        }

        if (header.StartsWith("[refuse]", StringComparison.Ordinal))
        {
            var reason = header["[refuse]".Length..].Trim();
            return reason.Length > 0
                ? name => _refused.TryAdd(name, reason)
                : throw new FormatException($"{FileName}: \"{header}\" says no reason after [refuse]");
        }

        var kind = header switch
        {
            "[allow scalar]" => TenantFunctionKind.Scalar,
            "[allow set-returning]" => TenantFunctionKind.SetReturning,
            "[allow aggregate]" => TenantFunctionKind.Aggregate,
            "[allow window]" => TenantFunctionKind.Window,
            "[construct]" => TenantFunctionKind.Construct,
            _ => throw new FormatException($"{FileName}: \"{header}\" is not a section this list knows"),
        };
        // A query's unquoted names are folded to lower case, so an allowed name with a capital could never be called.
        return name => name.Any(char.IsAsciiLetterUpper)
            ? throw new FormatException($"{FileName}: {name} is allowed but not in lower case")
            : _allowed.TryAdd(name, kind);
    }
}
