using System.Buffers;
using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Core.Ingestion;

/// <summary>
/// A chunk's lines parsed, in input order, with their events' text, and how far into the input the chunk ends. Its
/// arrays are the shared pool's, given back by <see cref="Dispose"/> (a chunk never disposed leaves them to the collector).
/// </summary>
public sealed class ParsedChunk(int capacity, int textCapacity, long bytesRead) : IDisposable
{
    private ParsedLine[] _lines = ArrayPool<ParsedLine>.Shared.Rent(capacity);
    private int _count;

    /// <summary>The events' text, which <see cref="ParsedEvent"/> offsets point into.</summary>
    public ByteBuffer Text { get; } = new(textCapacity);

    public Span<ParsedLine> Lines => _lines.AsSpan(0, _count);

    public long BytesRead { get; } = bytesRead;

    public void Add(in ParsedLine line) => _lines[_count++] = line;

    public void Dispose()
    {
        // Only the lines written hold references.
        Lines.Clear();
        ArrayPool<ParsedLine>.Shared.Return(_lines);
        _lines = [];
        _count = 0;
        Text.Dispose();
    }
}
