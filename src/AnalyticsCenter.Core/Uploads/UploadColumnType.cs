namespace AnalyticsCenter.Core.Uploads;

/// <summary>The type of an uploaded column, inferred from its values or named with <c>--type col=TYPE</c>.</summary>
public enum UploadColumnType
{
    /// <summary>Any text, kept exactly as uploaded.</summary>
    Text,

    /// <summary>A whole number that fits in 64 bits.</summary>
    WholeNumber,

    /// <summary>A number with a fractional part, kept exactly (no binary rounding).</summary>
    ExactNumber,

    /// <summary>A calendar date, <c>yyyy-MM-dd</c>.</summary>
    Date,

    /// <summary>A date and time with no zone, as written.</summary>
    Timestamp,

    /// <summary>A date and time with a zone or offset, kept as an instant.</summary>
    TimestampTz,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
}
