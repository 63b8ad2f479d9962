namespace AnalyticsCenter.Core.Ingestion;

/// <summary>
/// Splits a stream into lines without reading it whole: one buffer, refilled as lines are consumed.
/// Tolerates CRLF and a UTF-8 byte order mark; a line longer than <see cref="MaxLineBytes"/> is returned cut
/// to that length with <see cref="LineTooLong"/> set, and the rest of it is skipped.
/// </summary>
public sealed class NdjsonLineReader
{
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;
    private byte[]? _longLineHead;

    /// <param name="stream">The input; read forward only, never seeked.</param>
    /// <param name="maxLineBytes">The longest line accepted whole (default 1 MiB).</param>
    public NdjsonLineReader(Stream stream, int maxLineBytes = 1 << 20)
    {
        _stream = stream;
        MaxLineBytes = maxLineBytes;
        _buffer = new byte[InitialBufferBytes(stream, maxLineBytes)];
    }

    /// <summary>The longest line accepted whole.</summary>
    public int MaxLineBytes { get; }

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Whether the line last returned was cut because it was longer than <see cref="MaxLineBytes"/>.</summary>
    public bool LineTooLong { get; private set; }

    /// <summary>Reads the next line, without its terminator; false at the end of the stream.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        LineTooLong = false;
        if (_first)
        {
            SkipByteOrderMark();
        }

        // Bytes of the current line already searched: Fill moves the line to the buffer's front.
        var scanned = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = _start + scanned + newline;
                line = Emit(_buffer.AsSpan(_start, lineEnd - _start));
                _start = lineEnd + 1;
                return true;
            }

            if (_eof)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }

                line = Emit(_buffer.AsSpan(_start, _end - _start));
                _start = _end;
                return true;
            }

            // One byte more than the limit may be the CR of a CRLF; two more is certainly too long.
            if (_end - _start > MaxLineBytes + 1)
            {
                // The head is copied out: skipping the rest refills the buffer under it.
                _longLineHead ??= new byte[MaxLineBytes];
                _buffer.AsSpan(_start, MaxLineBytes).CopyTo(_longLineHead);
                _start += MaxLineBytes;
                SkipRestOfLine();
                line = _longLineHead;
                LineTooLong = true;
                LineNumber++;
                return true;
            }

            scanned = _end - _start;
            Fill();
        }
    }

    /// <summary>
    /// Up to a megabyte, or less for an input whose size is known (an HTTP request's body): a megabyte for each request
    /// was a large-object allocation, and the collections they bring, for no use. The buffer grows for a longer line.
    /// </summary>
    private static int InitialBufferBytes(Stream stream, int maxLineBytes)
    {
        var bytes = Math.Min(maxLineBytes + 2, 1 << 20);
        return stream.CanSeek ? (int)Math.Clamp(stream.Length - stream.Position + 2, 2, bytes) : bytes;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxLineBytes + 2));
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private void SkipByteOrderMark()
    {
        _first = false;
        while (_end - _start < 3 && !_eof)
        {
            Fill();
        }

        if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
        {
            _start += 3;
        }
    }

    /// <summary>Drops bytes up to and including the next newline.</summary>
    private void SkipRestOfLine()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                return;
            }

            _start = _end;
            if (_eof)
            {
                return;
            }

            Fill();
        }
    }

    /// <summary>A complete line, without its CR; cut to the limit when longer.</summary>
    private ReadOnlySpan<byte> Emit(ReadOnlySpan<byte> line)
    {
        LineNumber++;
        line = TrimCr(line);
        if (line.Length > MaxLineBytes)
        {
            LineTooLong = true;
            line = line[..MaxLineBytes];
        }

        return line;
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
}
