using System.Globalization;
using System.Text;

namespace AnalyticsCenter.Query;

/// <summary>
/// Terminal display helpers for the table grid: one-line cell text, its width in terminal columns
/// (wide East Asian characters and emoji count two, combining marks none; an approximation of
/// wcwidth), and cutting to a maximum width with "…".
/// </summary>
internal static class DisplayText
{
    /// <summary>The mark that ends cut text.</summary>
    public const string Ellipsis = "…";

    /// <summary>Shown in place of a line break (CRLF, CR or LF) inside a cell.</summary>
    public const char LineBreakMark = '↵';

    // Ranges of code points that terminals show two columns wide (East Asian Wide and Fullwidth,
    // emoji with default emoji presentation), sorted by start.
    private static readonly (int First, int Last)[] s_wideRanges =
    [
        (0x1100, 0x115F), (0x231A, 0x231B), (0x2329, 0x232A), (0x23E9, 0x23EC), (0x23F0, 0x23F0),
        (0x23F3, 0x23F3), (0x25FD, 0x25FE), (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F),
        (0x2693, 0x2693), (0x26A1, 0x26A1), (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5),
        (0x26CE, 0x26CE), (0x26D4, 0x26D4), (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5),
        (0x26FA, 0x26FA), (0x26FD, 0x26FD), (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728),
        (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797),
        (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55),
        (0x2E80, 0x303E), (0x3041, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA000, 0xA4CF),
        (0xA960, 0xA97F), (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFE10, 0xFE19), (0xFE30, 0xFE6F),
        (0xFF00, 0xFF60), (0xFFE0, 0xFFE6), (0x16FE0, 0x18AFF), (0x1B000, 0x1B2FF), (0x1F004, 0x1F004),
        (0x1F0CF, 0x1F0CF), (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A), (0x1F1E6, 0x1F1FF), (0x1F200, 0x1F251),
        (0x1F300, 0x1F64F), (0x1F680, 0x1F6FF), (0x1F7E0, 0x1F7EB), (0x1F90C, 0x1F9FF), (0x1FA70, 0x1FAFF),
        (0x20000, 0x2FFFD), (0x30000, 0x3FFFD),
    ];

    /// <summary>
    /// Makes text fit one grid cell: line breaks become <see cref="LineBreakMark"/>, tabs a space,
    /// other control characters U+FFFD; text wider than <paramref name="maxWidth"/> columns is cut
    /// at a character (grapheme) boundary and ends with <see cref="Ellipsis"/>.
    /// </summary>
    public static string Fit(string text, int maxWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWidth, 1);
        var line = ToSingleLine(text);
        if (line.Length <= maxWidth && IsPlainAscii(line))
        {
            return line;
        }

        if (Width(line) <= maxWidth)
        {
            return line;
        }

        var budget = maxWidth - 1;
        var used = 0;
        var end = 0;
        var span = line.AsSpan();
        while (end < span.Length)
        {
            var elementLength = StringInfo.GetNextTextElementLength(span[end..]);
            var elementWidth = ElementWidth(span.Slice(end, elementLength));
            if (used + elementWidth > budget)
            {
                break;
            }

            used += elementWidth;
            end += elementLength;
        }

        return string.Concat(span[..end], Ellipsis);
    }

    /// <summary>The width of one-line text in terminal columns.</summary>
    public static int Width(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsPlainAscii(text))
        {
            return text.Length;
        }

        var width = 0;
        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            var elementLength = StringInfo.GetNextTextElementLength(span);
            width += ElementWidth(span[..elementLength]);
            span = span[elementLength..];
        }

        return width;
    }

    /// <summary>Replaces line breaks, tabs and other control characters as <see cref="Fit"/> describes.</summary>
    public static string ToSingleLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u001F') && !text.AsSpan().ContainsAnyInRange('\u007F', '\u009F'))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    result.Append(LineBreakMark);
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n':
                    result.Append(LineBreakMark);
                    break;
                case '\t':
                    result.Append(' ');
                    break;
                default:
                    result.Append(char.IsControl(c) ? '\uFFFD' : c);
                    break;
            }
        }

        return result.ToString();
    }

    private static bool IsPlainAscii(string text) => !text.AsSpan().ContainsAnyExceptInRange(' ', '~');

    // The width of one grapheme cluster: its widest code point, or two when it asks for emoji presentation.
    private static int ElementWidth(ReadOnlySpan<char> element)
    {
        var width = 0;
        foreach (var rune in element.EnumerateRunes())
        {
            if (rune.Value == 0xFE0F)
            {
                return 2;
            }

            width = Math.Max(width, RuneWidth(rune));
        }

        return width;
    }

    private static int RuneWidth(Rune rune)
    {
        if (rune.IsAscii)
        {
            return char.IsControl((char)rune.Value) ? 0 : 1;
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.EnclosingMark:
            case UnicodeCategory.Format:
            case UnicodeCategory.Control:
                return 0;
        }

        return IsWide(rune.Value) ? 2 : 1;
    }

    private static bool IsWide(int codePoint)
    {
        int low = 0, high = s_wideRanges.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var (first, last) = s_wideRanges[middle];
            if (codePoint < first)
            {
                high = middle - 1;
            }
            else if (codePoint > last)
            {
                low = middle + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}
