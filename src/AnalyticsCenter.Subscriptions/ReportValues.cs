using System.Globalization;
using System.Text.Json;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Subscriptions;

/// <summary>
/// A subscribed report's parameters, kept as a JSON object of name to text (as the web tab's filters and the API's query
/// string write them), read into the values the report binds; its time zone defaults to the workspace's.
/// </summary>
public static class ReportValues
{
    /// <summary>The values of <paramref name="json"/> for <paramref name="report"/>.</summary>
    /// <exception cref="FormatException">Not a JSON object of text, a name the report does not take, or a value of the wrong kind.</exception>
    public static Dictionary<string, object?> Read(ReadyReport report, string json, WorkspaceTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(report);
        Dictionary<string, string>? texts;
        try
        {
            texts = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"report parameters must be a JSON object of names to text values: {ex.Message}", ex);
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, text) in texts ?? [])
        {
            if (report.AcceptedParameters.FirstOrDefault(p => p.Name == name) is not { } parameter)
            {
                throw new FormatException($"{report.Name} takes {string.Join(", ", report.AcceptedParameters.Select(p => p.Name))}; not \"{name}\"");
            }

            values[name] = Value(parameter, text);
        }

        if (report.AcceptedParameters.Contains(ReportParameter.TimeZone) && !values.ContainsKey(ReportParameter.TimeZone.Name))
        {
            values[ReportParameter.TimeZone.Name] = zone.Id;
        }

        return values;
    }

    private static object Value(ReportParameter parameter, string text) => parameter.Kind switch
    {
        ReportParameterKind.Timestamp when DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) => instant.UtcDateTime,
        ReportParameterKind.WholeNumber when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
        ReportParameterKind.Text when parameter.Choices is null || parameter.Choices.Contains(text) => text,
        _ => throw new FormatException($"parameter {parameter.Name} takes {parameter.KindName}" +
            (parameter.Choices is { } choices ? $" ({string.Join(", ", choices)})" : "") + $", not \"{text}\""),
    };
}
