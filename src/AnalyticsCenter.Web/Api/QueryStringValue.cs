using System.Globalization;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Web.Api;

/// <summary>One query-string value read as the type a filter needs, or why it cannot be.</summary>
internal static class QueryStringValue
{
    public static bool TryParse(string name, string text, Type type, out object? value, out string? problem)
    {
        (value, problem) = (null, null);
        if (type == typeof(DateTime))
        {
            if (!Instants.TryParse(text, out var instant, out var why))
            {
                problem = $"{name} {why}";
                return false;
            }

            value = instant;
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
