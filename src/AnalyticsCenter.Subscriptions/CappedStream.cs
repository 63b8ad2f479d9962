namespace AnalyticsCenter.Subscriptions;

/// <summary>A write-only stream that keeps the first <c>capacity</c> bytes written to it and only counts the rest.</summary>
internal sealed class CappedStream(int capacity) : Stream
{
    private readonly MemoryStream _kept = new();

    /// <summary>Whether more was written than kept.</summary>
    public bool Overflowed { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _kept.Length;

    public override long Position { get => _kept.Length; set => throw new NotSupportedException(); }

    /// <summary>The bytes kept.</summary>
    public ReadOnlyMemory<byte> Kept => _kept.GetBuffer().AsMemory(0, (int)_kept.Length);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var room = capacity - (int)_kept.Length;
        if (buffer.Length > room)
        {
            Overflowed = true;
            buffer = buffer[..Math.Max(room, 0)];
        }

        _kept.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _kept.Dispose();
        }

        base.Dispose(disposing);
    }
}
