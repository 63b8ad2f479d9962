using System.Text;

namespace AnalyticsCenter.Core.Uploads;

/// <summary>
/// Names of uploaded tables and their columns: 1 to 63 of <c>a-z 0-9 _</c>, starting with a letter, so they are valid
/// in SQL without quotes on every store, can never be a path, and never clash with the store's own names.
/// </summary>
public static class UploadNames
{
    /// <summary>The longest name (PostgreSQL's identifier limit).</summary>
    public const int MaxLength = 63;

    /// <summary>Names a table may not take: the two tables, and names the stores or SQL give a meaning of their own.</summary>
    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "sessions", "deployments", "events", "uploads", "analytics", "information_schema", "pg_catalog", "main", "temp", "ac",
        "select", "from", "where", "table", "values", "with", "join", "user", "order", "group", "limit", "all", "any", "and", "or",
        "not", "null", "true", "false", "default", "as", "on", "in", "is", "case", "end", "union", "current_date", "current_user",
    };

    /// <summary>Prefixes of the stores' own catalog names.</summary>
    private static readonly string[] s_reservedPrefixes = ["pg_", "duckdb_", "sqlite_", "tenant_", "bi_"];

    /// <summary><paramref name="name"/> when it may name a table, else throws <see cref="UploadRejectedException"/> saying why.</summary>
    public static string Table(string? name)
    {
        var problem = Problem(name);
        if (problem is null && (s_reserved.Contains(name!) || s_reservedPrefixes.Any(p => name!.StartsWith(p, StringComparison.Ordinal))))
        {
            problem = "is reserved (the store's own tables and SQL words cannot be reused); choose another name";
        }

        return problem is null ? name! : throw new UploadRejectedException($"table name \"{name}\" {problem}");
    }

    /// <summary>
    /// A file's column header made a name: lower case, each run of other characters one underscore, a leading digit
    /// prefixed with <c>c_</c>; throws <see cref="UploadRejectedException"/> when nothing is left or it is too long.
    /// </summary>
    public static string Column(string? header, int columnNumber)
    {
        var built = new StringBuilder();
        foreach (var c in (header ?? "").Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                built.Append(c);
            }
            else if (built.Length > 0 && built[^1] != '_')
            {
                built.Append('_');
            }
        }

        var name = built.ToString().TrimEnd('_');
        if (name.Length > 0 && char.IsAsciiDigit(name[0]))
        {
            name = "c_" + name;
        }

        return Problem(name) is { } problem
            ? throw new UploadRejectedException($"column {columnNumber}: header \"{header}\" gives the name \"{name}\", which {problem}")
            : name;
    }

    private static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "is empty";
        }

        if (name.Length > MaxLength)
        {
            return $"is longer than {MaxLength} characters";
        }

        return char.IsAsciiLetterLower(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
            ? null
            : "must be lower-case letters, digits and underscores, starting with a letter";
    }
}
