using System.Globalization;

namespace AnalyticsCenter.Web.Api;

/// <summary>One query-string value read as the type a filter needs, or why it cannot be.</summary>
internal static class QueryStringValue
{
    public static bool TryParse(string name, string text, Type type, out object? value, out string? problem)
    {
        (value, problem) = (null, null);
        if (type == typeof(DateTime))
        {
            var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
            if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            {
                problem = $"{name} \"{text}\" is not an RFC 3339 time with an offset, e.g. 2026-11-20T00:00:00Z";
                return false;
            }

            value = instant.UtcDateTime;
            return true;
        }

        if (type == typeof(int))
        {
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                problem = $"{name} \"{text}\" is not a whole number";
                return false;
            }

            value = number;
            return true;
        }

        value = text;
        return true;
    }
}
