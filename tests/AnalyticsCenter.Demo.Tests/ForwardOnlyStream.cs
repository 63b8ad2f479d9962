namespace AnalyticsCenter.Demo.Tests;

/// <summary>A write-only, non-seekable stream (like a pipe or a network socket) that counts the writes.</summary>
internal sealed class ForwardOnlyStream(Stream inner) : Stream
{
    public int Writes { get; private set; }

    public long LargestWrite { get; private set; }

    public bool Disposed { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Writes++;
        LargestWrite = Math.Max(LargestWrite, count);
        inner.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Writes++;
        LargestWrite = Math.Max(LargestWrite, buffer.Length);
        inner.Write(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
