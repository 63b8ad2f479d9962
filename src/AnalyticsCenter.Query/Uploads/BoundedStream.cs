using AnalyticsCenter.Core.Uploads;

namespace AnalyticsCenter.Query.Uploads;

/// <summary>
/// Reads another stream and refuses past <see cref="_limit"/> bytes, so an oversized upload (or an XLSX part that unpacks
/// past its bound) is stopped as it is read, whatever its headers claim.
/// </summary>
internal sealed class BoundedStream(Stream inner, long limit, string what) : Stream
{
    private readonly long _limit = limit;
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        _read += read;
        return _read > _limit ? throw new UploadRejectedException($"{what} is larger than the limit of {_limit:N0} bytes") : read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
