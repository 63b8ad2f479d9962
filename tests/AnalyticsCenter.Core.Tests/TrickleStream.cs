namespace AnalyticsCenter.Core.Tests;

/// <summary>
/// A read-only stream that hands out its bytes a few at a time, cycling through <paramref name="chunkSizes"/>
/// (1, 2, 3 by default), as a slow network would: every line straddles several reads.
/// </summary>
internal sealed class TrickleStream(byte[] data, params int[] chunkSizes) : Stream
{
    private readonly int[] _chunkSizes = chunkSizes.Length == 0 ? [1, 2, 3] : chunkSizes;
    private int _position;
    private int _reads;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var size = Math.Min(Math.Min(_chunkSizes[_reads++ % _chunkSizes.Length], buffer.Length), data.Length - _position);
        data.AsSpan(_position, size).CopyTo(buffer);
        _position += size;
        return size;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
