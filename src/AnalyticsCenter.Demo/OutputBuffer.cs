using System.Buffers;

namespace AnalyticsCenter.Demo;

/// <summary>
/// A growable byte buffer that the JSON writer writes into and that is handed to the output stream in large
/// chunks; unlike <see cref="ArrayBufferWriter{T}"/> it can take back bytes (to cut a line short).
/// </summary>
internal sealed class OutputBuffer : IBufferWriter<byte>
{
    private byte[] _buffer;

    public OutputBuffer(int capacity) => _buffer = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(Length);
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[Length++] = value;
    }

    /// <summary>Forgets everything written after <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => Length = length;

    public void WriteTo(Stream stream)
    {
        stream.Write(_buffer, 0, Length);
        Length = 0;
    }

    private void Ensure(int sizeHint)
    {
        var needed = Length + Math.Max(sizeHint, 256);
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
    }
}
