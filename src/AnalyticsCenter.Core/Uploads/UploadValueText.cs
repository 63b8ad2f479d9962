using System.Globalization;

namespace AnalyticsCenter.Core.Uploads;

/// <summary>
/// A checked upload value (<see cref="UploadedTable"/>) as canonical text, culture-free and in SQL's input forms: what a
/// preview shows and what a store that keeps values as text casts back (timestamps UTC without a zone, as sessions').
/// </summary>
public static class UploadValueText
{
    public static string? Of(object? value) => value switch
    {
        null => null,
        string text => text,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime stamp => stamp.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        long or decimal => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"an upload value of type {value.GetType().Name}", nameof(value)),
    };
}
