using System.Buffers;

namespace AnalyticsCenter.Core.Ingestion;

/// <summary>
/// Consecutive lines of an input as read, copied out of the reader's buffer so a worker can parse them while the
/// reader goes on. The bytes live in a pooled array, returned by <see cref="Dispose"/>.
/// </summary>
public sealed class RawChunk : IDisposable
{
    /// <summary>Lines a chunk holds at most.</summary>
    public const int MaxLines = 1024;

    private const int ByteCapacity = 512 << 10;
    private readonly int[] _ends = new int[MaxLines];
    private readonly bool[] _tooLong = new bool[MaxLines];
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(ByteCapacity);
    private int _length;

    private RawChunk(long firstLineNumber) => FirstLineNumber = firstLineNumber;

    /// <summary>The 1-based number of the first line.</summary>
    public long FirstLineNumber { get; }

    public int Count { get; private set; }

    /// <summary>The lines' bytes in all.</summary>
    public int Length => _length;

    /// <summary>The input's bytes read up to the end of this chunk.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The reader's lines, chunk after chunk, as they are read.</summary>
    public static IEnumerable<RawChunk> ReadAll(NdjsonLineReader reader)
    {
        long bytesRead = 0;
        var chunk = new RawChunk(1);
        while (reader.TryReadLine(out var line))
        {
            RawChunk? full = null;
            if (!chunk.Fits(line.Length))
            {
                full = chunk;
                full.BytesRead = bytesRead;
                chunk = new RawChunk(reader.LineNumber);
            }

            bytesRead += line.Length + 1;
            chunk.Add(line, reader.LineTooLong);

            // Handed on after the line is copied: a span cannot outlive the yield.
            if (full is not null)
            {
                yield return full;
            }
        }

        if (chunk.Count > 0)
        {
            chunk.BytesRead = bytesRead;
            yield return chunk;
        }
        else
        {
            chunk.Dispose();
        }
    }

    /// <summary>Whether another line of <paramref name="length"/> bytes fits (a chunk always takes its first line).</summary>
    public bool Fits(int length) => Count < MaxLines && (Count == 0 || _length + length <= _bytes.Length);

    public void Add(ReadOnlySpan<byte> line, bool tooLong)
    {
        if (_length + line.Length > _bytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_length + line.Length);
            _bytes.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }

        line.CopyTo(_bytes.AsSpan(_length));
        _length += line.Length;
        _ends[Count] = _length;
        _tooLong[Count] = tooLong;
        Count++;
    }

    public ReadOnlySpan<byte> Line(int index)
    {
        var start = index == 0 ? 0 : _ends[index - 1];
        return _bytes.AsSpan(start, _ends[index] - start);
    }

    /// <summary>Whether line <paramref name="index"/> was cut at the reader's limit.</summary>
    public bool TooLong(int index) => _tooLong[index];

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
    }
}
