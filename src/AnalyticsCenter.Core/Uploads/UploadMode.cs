namespace AnalyticsCenter.Core.Uploads;

/// <summary>What an upload does to a table of the same name.</summary>
public enum UploadMode
{
    /// <summary>Creates the table; refused when the workspace already has one of that name.</summary>
    Create,

    /// <summary>Replaces the table's columns and rows, or creates it.</summary>
    Replace,

    /// <summary>Adds rows to the table, whose columns must match by name and type.</summary>
    Append,
}
