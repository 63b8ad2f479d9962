using System.Data.Common;

namespace AnalyticsCenter.Query.Tests;

/// <summary>A small result with every kind of value the writers must get right.</summary>
internal static class Samples
{
    public static readonly DateTime Whole = new(2026, 11, 20, 14, 3, 11, DateTimeKind.Unspecified);

    public static readonly DateTime Fractional = Whole.AddTicks(2_500_000);

    public static DbDataReader Mixed() => Results.Table(
        [
            ("id", typeof(long)),
            ("name", typeof(string)),
            ("amount", typeof(decimal)),
            ("ratio", typeof(double)),
            ("active", typeof(bool)),
            ("created_at", typeof(DateTime)),
            ("day", typeof(DateOnly)),
        ],
        [1L, "plain", 12.50m, 0.25, true, Whole, new DateOnly(2026, 11, 20)],
        [2L, "comma, \"quote\"\r\nnew line", -3m, 1e20, false, Fractional, new DateOnly(2026, 1, 2)],
        [3L, null, null, null, null, null, null],
        [4L, string.Empty, 0m, -0.5, true, Whole, new DateOnly(1999, 12, 31)],
        [5L, "José 😀 日本", 1234567.891m, double.NaN, false, Fractional, new DateOnly(2026, 2, 28)]);
}
