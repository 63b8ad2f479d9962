using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// The names tenant SQL may call on PostgreSQL, read from <c>TenantFunctions.postgresql.txt</c> (which says how the list
/// is written and kept), and the keywords the parser calls without parentheses.
/// </summary>
internal sealed class TenantFunctionList
{
    private const string FileName = "TenantFunctions.postgresql.txt";

    private readonly Dictionary<string, TenantFunctionKind> _allowed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bareCalls = new(StringComparer.Ordinal);

    private TenantFunctionList()
    {
    }

    /// <summary>The list the check reads queries with.</summary>
    public static TenantFunctionList Default { get; } = Parse(EmbeddedText.Read(typeof(TenantFunctionList).Assembly, FileName));

    /// <summary>Every allowed name, functions and constructs, each with its kind.</summary>
    public IReadOnlyDictionary<string, TenantFunctionKind> Allowed => _allowed;

    /// <summary>The keywords PostgreSQL reads as a call with no parentheses (<c>current_user</c>).</summary>
    public IReadOnlySet<string> BareCalls => _bareCalls;

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
                add = list.Section(line);
                continue;
            }

            if (add is null || line.Any(c => char.IsWhiteSpace(c) || char.IsAsciiLetterUpper(c)))
            {
                throw new FormatException($"{FileName}: \"{line}\" is not a lower-case name in a section");
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

        var kind = header switch
        {
            "[allow scalar]" => TenantFunctionKind.Scalar,
            "[allow set-returning]" => TenantFunctionKind.SetReturning,
            "[allow aggregate]" => TenantFunctionKind.Aggregate,
            "[allow window]" => TenantFunctionKind.Window,
            "[construct]" => TenantFunctionKind.Construct,
            _ => throw new FormatException($"{FileName}: \"{header}\" is not a section this list knows"),
        };
        return name => _allowed.TryAdd(name, kind);
    }
}
