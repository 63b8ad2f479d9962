using AnalyticsCenter.Core.Uploads;

namespace AnalyticsCenter.Web.Api;

/// <summary>An uploaded column as the API shows it: its name and its type's name (text, integer, decimal…).</summary>
internal sealed record ColumnView(string Name, string Type)
{
    public static ColumnView Of(UploadColumn column) => new(column.Name, UploadColumnTypes.Name(column.Type));
}
