namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// Ordinal order of event ids as DuckDB compares strings: by UTF-8 bytes, which is code point order. UTF-16 ordinal
/// order differs only where a surrogate pair (a code point above U+FFFF) meets a code unit from U+E000 to U+FFFF.
/// </summary>
internal sealed class EventIdOrder : IComparer<string>
{
    public static EventIdOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var a = x.AsSpan();
        var b = y.AsSpan();
        var common = a.CommonPrefixLength(b);
        if (common == a.Length || common == b.Length)
        {
            return a.Length.CompareTo(b.Length);
        }

        return CodePointRank(a[common]).CompareTo(CodePointRank(b[common]));
    }

    /// <summary>Moves surrogates above U+E000–U+FFFF, so code units compare as their code points do.</summary>
    private static int CodePointRank(char c) => c >= 0xE000 ? c - 0x800 : char.IsSurrogate(c) ? c + 0x2000 : c;
}
