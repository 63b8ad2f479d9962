using System.Data.Common;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>Times as the store keeps them: UTC, to the microsecond.</summary>
internal static class StoredTime
{
    // DuckDB keeps microseconds; cutting the rest here makes what a call returns equal what is read back later.
    public static DateTime Micros(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);

    public static DateTime Now(TimeProvider time) => Micros(time.GetUtcNow().UtcDateTime);

    public static DateTime Utc(DbDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);
}
