using System.Buffers;
using System.Text;

namespace AnalyticsCenter.Core.Text;

/// <summary>
/// A growable byte buffer rented from the shared pool, which a JSON writer can write into and which can take bytes
/// back (<see cref="Truncate"/>). <see cref="Dispose"/> gives the array back; one never disposed leaves it to the collector.
/// </summary>
public sealed class ByteBuffer(int capacity) : IBufferWriter<byte>, IDisposable
{
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(capacity);

    /// <summary>The array the written bytes start at offset 0 of: valid until the next write.</summary>
    public byte[] Bytes => _bytes;

    /// <summary>The bytes written so far.</summary>
    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    /// <summary>Writes <paramref name="text"/> as UTF-8; returns its length in bytes.</summary>
    public int Write(string text)
    {
        var length = Encoding.UTF8.GetBytes(text, GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        Length += length;
        return length;
    }

    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        Length++;
    }

    /// <summary>Forgets what was written after the first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => Length = Math.Min(Length, length);

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsSpan(Length);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
        Length = 0;
    }

    /// <summary>Grows the array so at least <paramref name="sizeHint"/> bytes (1 when 0) can follow what was written.</summary>
    private void Reserve(int sizeHint)
    {
        var needed = Length + Math.Max(sizeHint, 1);
        if (needed > _bytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _bytes.Length * 2));
            Written.CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }
    }
}
