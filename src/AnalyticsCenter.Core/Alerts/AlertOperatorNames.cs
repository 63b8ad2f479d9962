namespace AnalyticsCenter.Core.Alerts;

/// <summary>The operators as the CLI, the API and notifications write them: <c>below</c>, <c>above</c>, <c>no_rows</c>.</summary>
public static class AlertOperatorNames
{
    private static readonly Dictionary<string, AlertOperator> s_byName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["below"] = AlertOperator.Below,
        ["above"] = AlertOperator.Above,
        ["no_rows"] = AlertOperator.NoRows,
    };

    /// <summary>Every name, for messages.</summary>
    public static string All => string.Join("|", s_byName.Keys);

    public static string Name(AlertOperator op) => s_byName.First(p => p.Value == op).Key;

    public static bool TryParse(string? name, out AlertOperator op) => s_byName.TryGetValue(name ?? "", out op);
}
