using System.Buffers;
using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AnalyticsCenter.Query;

/// <summary>
/// Writes a result as UTF-8 JSON, streaming row by row: one array of row objects keyed by column
/// name in column order, one row per line (<c>[]</c> for no rows). Output is buffered in chunks of
/// about <see cref="ChunkSize"/> bytes, each written to the stream and flushed, so memory stays flat.
/// </summary>
internal sealed class JsonResultWriter
{
    /// <summary>The buffered output size after which the buffer is written to the stream.</summary>
    public const int ChunkSize = 32 * 1024;

    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(ChunkSize + 4096);

    private JsonResultWriter(Stream output) => _output = output;

    /// <summary>Writes every row of the reader; returns the number of rows written.</summary>
    public static Task<long> WriteAsync(DbDataReader reader, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(output);
        return new JsonResultWriter(output).WriteRowsAsync(reader, ct);
    }

    private async Task<long> WriteRowsAsync(DbDataReader reader, CancellationToken ct)
    {
        var names = Array.ConvertAll(
            ColumnNames.Unique(reader),
            name => JsonEncodedText.Encode(name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
        using var json = new Utf8JsonWriter(_buffer, ValueFormatter.JsonOptions);
        long rows = 0;
        while (await reader.ReadAsync(ct))
        {
            WriteAscii(rows == 0 ? "[\n"u8 : ",\n"u8);
            json.Reset();
            json.WriteStartObject();
            for (var i = 0; i < names.Length; i++)
            {
                json.WritePropertyName(names[i]);
                ValueFormatter.WriteJson(json, reader.GetValue(i));
            }

            json.WriteEndObject();
            json.Flush();
            rows++;
            if (_buffer.WrittenCount >= ChunkSize)
            {
                await WriteChunkAsync(ct);
            }
        }

        WriteAscii(rows == 0 ? "[]\n"u8 : "\n]\n"u8);
        await WriteChunkAsync(ct);
        return rows;
    }

    private void WriteAscii(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }

    private async Task WriteChunkAsync(CancellationToken ct)
    {
        await _output.WriteAsync(_buffer.WrittenMemory, ct);
        await _output.FlushAsync(ct);
        _buffer.ResetWrittenCount();
    }
}
