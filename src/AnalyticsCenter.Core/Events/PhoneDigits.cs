namespace AnalyticsCenter.Core.Events;

/// <summary>The digits of a phone number as events write it: one leading <c>+</c>, spaces and dashes are tolerated.</summary>
public static class PhoneDigits
{
    /// <summary>Copies the digits of <paramref name="raw"/> into <paramref name="digits"/>; their count, or -1 for anything else.</summary>
    public static int Strip(ReadOnlySpan<char> raw, Span<char> digits)
    {
        var length = 0;
        foreach (var c in raw)
        {
            if (char.IsAsciiDigit(c))
            {
                if (length == digits.Length)
                {
                    return -1;
                }

                digits[length++] = c;
            }
            else if (!(c is ' ' or '-' || (c == '+' && length == 0)))
            {
                return -1;
            }
        }

        return length;
    }

    /// <summary>Whether <paramref name="raw"/> is a line's number (7 to 15 digits with country code); its digits go to <paramref name="digits"/>.</summary>
    public static bool TryLineNumber(ReadOnlySpan<char> raw, Span<char> digits, out int length)
    {
        length = Strip(raw, digits);
        return length is >= 7 and <= 15;
    }
}
