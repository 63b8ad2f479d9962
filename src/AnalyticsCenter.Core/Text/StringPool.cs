using System.Text;

namespace AnalyticsCenter.Core.Text;

/// <summary>
/// Interns values that repeat across events (workspace ids, line numbers, flow and node ids), so a million events
/// do not allocate a million copies. Looked up by their UTF-8 bytes as read, so a value already pooled costs neither a
/// conversion nor an allocation. Bounded; not thread-safe.
/// </summary>
internal sealed class StringPool
{
    private const int MaxEntries = 1 << 16;
    private const int MaxPooledLength = 128;
    private readonly HashSet<string> _set = new(new Utf8Comparer());
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public StringPool() => _lookup = _set.GetAlternateLookup<ReadOnlySpan<byte>>();

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        if (_lookup.TryGetValue(utf8, out var existing))
        {
            return existing;
        }

        var created = Encoding.UTF8.GetString(utf8);
        if (_set.Count < MaxEntries)
        {
            _set.Add(created);
        }

        return created;
    }

    public string Get(ReadOnlySpan<char> chars)
    {
        Span<byte> utf8 = stackalloc byte[MaxPooledLength * 3];
        return chars.Length <= MaxPooledLength ? Get(utf8[..Encoding.UTF8.GetBytes(chars, utf8)]) : chars.ToString();
    }

    /// <summary>Strings compared and hashed as their UTF-8 bytes, so a lookup by bytes needs no string.</summary>
    private sealed class Utf8Comparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<byte>, string>
    {
        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string value)
        {
            // Only values of at most MaxPooledLength characters are pooled.
            Span<byte> utf8 = stackalloc byte[MaxPooledLength * 3];
            return GetHashCode(utf8[..Encoding.UTF8.GetBytes(value, utf8)]);
        }

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public bool Equals(ReadOnlySpan<byte> alternate, string other)
        {
            if (Ascii.Equals(alternate, other))
            {
                return true;
            }

            if (Ascii.IsValid(alternate) || other.Length > alternate.Length)
            {
                return false;
            }

            Span<char> chars = stackalloc char[alternate.Length];
            return Encoding.UTF8.TryGetChars(alternate, chars, out var written) && chars[..written].SequenceEqual(other);
        }

        public string Create(ReadOnlySpan<byte> alternate) => Encoding.UTF8.GetString(alternate);
    }
}
