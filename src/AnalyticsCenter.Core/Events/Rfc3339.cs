namespace AnalyticsCenter.Core.Events;

/// <summary>Parses RFC 3339 date-times (<c>2026-11-20T09:03:11.25-05:00</c>) to UTC, to the microsecond.</summary>
internal static class Rfc3339
{
    internal enum Outcome
    {
        Ok,
        Malformed,
        NoOffset,
    }

    /// <summary>Parses ASCII text; fractional digits past the sixth are dropped (the store keeps microseconds).</summary>
    public static Outcome TryParse(ReadOnlySpan<byte> s, out DateTime utc)
    {
        utc = default;
        if (s.Length < 19
            || !TryDigits(s[..4], out var year) || s[4] != '-'
            || !TryDigits(s.Slice(5, 2), out var month) || s[7] != '-'
            || !TryDigits(s.Slice(8, 2), out var day) || (s[10] | 0x20) != 't'
            || !TryDigits(s.Slice(11, 2), out var hour) || s[13] != ':'
            || !TryDigits(s.Slice(14, 2), out var minute) || s[16] != ':'
            || !TryDigits(s.Slice(17, 2), out var second))
        {
            return Outcome.Malformed;
        }

        var i = 19;
        long micros = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var start = i;
            while (i < s.Length && char.IsAsciiDigit((char)s[i]))
            {
                if (i - start < 6)
                {
                    micros = (micros * 10) + (s[i] - '0');
                }

                i++;
            }

            var digits = i - start;
            if (digits is 0 or > 9)
            {
                return Outcome.Malformed;
            }

            for (var d = digits; d < 6; d++)
            {
                micros *= 10;
            }
        }

        if (i == s.Length)
        {
            return Outcome.NoOffset;
        }

        int offsetMinutes;
        if ((s[i] | 0x20) == 'z' && i + 1 == s.Length)
        {
            offsetMinutes = 0;
        }
        else if ((s[i] == '+' || s[i] == '-') && s.Length - i == 6 && s[i + 3] == ':'
                 && TryDigits(s.Slice(i + 1, 2), out var offsetHours) && TryDigits(s.Slice(i + 4, 2), out var offsetMins)
                 && offsetHours < 24 && offsetMins < 60)
        {
            offsetMinutes = ((offsetHours * 60) + offsetMins) * (s[i] == '-' ? -1 : 1);
        }
        else
        {
            return Outcome.Malformed;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month)
            || hour > 23 || minute > 59 || second > 60 || year < 1)
        {
            return Outcome.Malformed;
        }

        // A leap second is read as the last microsecond of its minute: .NET has no 60th second.
        var leap = second == 60;
        var local = new DateTime(year, month, day, hour, minute, leap ? 59 : second, DateTimeKind.Utc)
            .AddTicks((leap ? 999_999 : micros) * TimeSpan.TicksPerMicrosecond);
        var ticks = local.Ticks - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return Outcome.Malformed;
        }

        utc = new DateTime(ticks, DateTimeKind.Utc);
        return Outcome.Ok;
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
