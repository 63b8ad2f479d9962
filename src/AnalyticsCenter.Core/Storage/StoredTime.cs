using System.Data.Common;

namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// Times as both stores keep them: UTC in zoneless timestamp columns, to the microsecond.
/// </summary>
public static class StoredTime
{
    /// <summary>The time cut to the microsecond, so what a call returns equals what is read back later.</summary>
    public static DateTime Micros(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);

    /// <summary>Now, as it will be stored.</summary>
    public static DateTime Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Micros(time.GetUtcNow().UtcDateTime);
    }

    /// <summary>A stored timestamp as the UTC it is.</summary>
    public static DateTime Utc(this DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);
    }

    /// <summary>A nullable stored timestamp as the UTC it is.</summary>
    public static DateTime? UtcOrNull(this DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.Utc(ordinal);
    }
}
