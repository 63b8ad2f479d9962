using System.Text;

namespace AnalyticsCenter.Core.Text;

/// <summary>
/// Interns UTF-8 values that repeat across events (workspace ids, line numbers, flow and node ids), so a
/// million events do not allocate a million copies. Bounded; not thread-safe.
/// </summary>
internal sealed class StringPool
{
    private const int MaxEntries = 1 << 16;
    private const int MaxPooledLength = 128;
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxPooledLength];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return Get(chars[..length]);
    }

    public string Get(ReadOnlySpan<char> chars)
    {
        if (_lookup.TryGetValue(chars, out var existing))
        {
            return existing;
        }

        var created = chars.ToString();
        if (_set.Count < MaxEntries)
        {
            _set.Add(created);
        }

        return created;
    }
}
