namespace AnalyticsCenter.Web.Api;

/// <summary>
/// The filters a table browse or export accepts, as named SQL parameters: from, to (RFC 3339), conversation_id,
/// conversation_version, country, line, type, status. Bad values are reported in words, never guessed.
/// </summary>
internal static class TableFilters
{
    private static readonly (string Name, Type Type)[] s_filters =
    [
        ("from", typeof(DateTime)), ("to", typeof(DateTime)), ("conversation_id", typeof(string)), ("conversation_version", typeof(int)),
        ("country", typeof(string)), ("line", typeof(string)), ("type", typeof(string)), ("status", typeof(string)),
    ];

    /// <summary>The parameters, or why the query string is wrong.</summary>
    public static (Dictionary<string, object?> Parameters, string? Problem) Parse(IQueryCollection query) => Parse(query, s_filters);

    /// <summary>The named query-string values as parameters of their types (null when absent), or why one is wrong.</summary>
    public static (Dictionary<string, object?> Parameters, string? Problem) Parse(IQueryCollection query, IReadOnlyList<(string Name, Type Type)> filters)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, type) in filters)
        {
            parameters[name] = null;
            if (query.TryGetValue(name, out var text) && !string.IsNullOrEmpty(text))
            {
                if (!QueryStringValue.TryParse(name, text!, type, out var value, out var problem))
                {
                    return (parameters, problem);
                }

                parameters[name] = value;
            }
        }

        return (parameters, null);
    }
}
