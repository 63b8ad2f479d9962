using System.IO.Hashing;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>Compares byte-string keys by content, and looks them up by a span of bytes without making an array of it.</summary>
internal sealed class Utf8KeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static Utf8KeyComparer Instance { get; } = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => unchecked((int)XxHash3.HashToUInt64(alternate));

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}
