namespace AnalyticsCenter.Core.Uploads;

/// <summary>The names of <see cref="UploadColumnType"/> as users write them (<c>--type spend=decimal</c>) and as lists show them.</summary>
public static class UploadColumnTypes
{
    private static readonly Dictionary<string, UploadColumnType> s_byName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text"] = UploadColumnType.Text,
        ["integer"] = UploadColumnType.WholeNumber,
        ["decimal"] = UploadColumnType.ExactNumber,
        ["date"] = UploadColumnType.Date,
        ["timestamp"] = UploadColumnType.Timestamp,
        ["timestamptz"] = UploadColumnType.TimestampTz,
        ["boolean"] = UploadColumnType.Boolean,
    };

    /// <summary>Every name, in the order of the enum.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. s_byName.Keys];

    /// <summary>The type's name, lower case.</summary>
    public static string Name(UploadColumnType type) => s_byName.First(pair => pair.Value == type).Key;

    /// <summary>The type named <paramref name="name"/>, or throws <see cref="UploadRejectedException"/> listing the names.</summary>
    public static UploadColumnType Parse(string name) =>
        s_byName.TryGetValue(name.Trim(), out var type)
            ? type
            : throw new UploadRejectedException($"\"{name}\" is not a column type; use one of {string.Join(", ", Names)}");

    /// <summary>Types named as <c>column=type</c> (<c>--type spend=decimal</c>), by column.</summary>
    /// <exception cref="UploadRejectedException">One is not of that form, or names an unknown type, or a column twice.</exception>
    public static IReadOnlyDictionary<string, UploadColumnType> ParseOverrides(IEnumerable<string> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var types = new Dictionary<string, UploadColumnType>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !types.TryAdd(pair[..equals].Trim(), Parse(pair[(equals + 1)..])))
            {
                throw new UploadRejectedException($"\"{pair}\" is not column=type for a column not named before (such as spend=decimal)");
            }
        }

        return types;
    }

    /// <summary>Columns as the stores keep them in their catalog: <c>name:type</c>, comma-separated (names hold neither).</summary>
    public static string Describe(IEnumerable<UploadColumn> columns) => string.Join(',', columns.Select(c => c.Name + ":" + Name(c.Type)));

    /// <summary>The columns <see cref="Describe"/> wrote.</summary>
    public static IReadOnlyList<UploadColumn> ReadDescription(string description) =>
        [.. description.Split(',').Select(pair => pair.Split(':')).Select(parts => new UploadColumn(parts[0], Parse(parts[1])))];
}
