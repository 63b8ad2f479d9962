using System.Globalization;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// The filters a table browse or export accepts, as named SQL parameters: from, to (RFC 3339), conversation_id,
/// conversation_version, country, line, type, status. Bad values are reported in words, never guessed.
/// </summary>
internal static class TableFilters
{
    private static readonly string[] s_text = ["conversation_id", "country", "line", "type", "status"];

    /// <summary>The parameters, or why the query string is wrong.</summary>
    public static (Dictionary<string, object?> Parameters, string? Problem) Parse(IQueryCollection query)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in s_text)
        {
            parameters[name] = query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : null;
        }

        foreach (var name in new[] { "from", "to" })
        {
            parameters[name] = null;
            if (query.TryGetValue(name, out var text) && !string.IsNullOrEmpty(text))
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) || !HasOffset(text!))
                {
                    return (parameters, $"{name} \"{text}\" is not an RFC 3339 time with an offset, e.g. 2026-11-20T00:00:00Z");
                }

                parameters[name] = instant.UtcDateTime;
            }
        }

        parameters["conversation_version"] = null;
        if (query.TryGetValue("conversation_version", out var version) && !string.IsNullOrEmpty(version))
        {
            if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return (parameters, $"conversation_version \"{version}\" is not a whole number");
            }

            parameters["conversation_version"] = parsed;
        }

        return (parameters, null);
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
