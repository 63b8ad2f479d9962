using System.Text;
using AnalyticsCenter.Core.Ingestion;

namespace AnalyticsCenter.Core.Tests;

public sealed class NdjsonLineReaderTests
{
    private static byte[] Bom => [0xEF, 0xBB, 0xBF];

    [Theory]
    [InlineData("a\nbb\nccc\n")]
    [InlineData("a\r\nbb\r\nccc\r\n")]
    [InlineData("a\nbb\r\nccc")]
    [InlineData("a\r\nbb\nccc\r")]
    public void Lines_end_with_lf_or_crlf_and_the_last_needs_no_newline(string input)
    {
        Assert.Equal(["1:a", "2:bb", "3:ccc"], ReadAll(new MemoryStream(Utf8(input))));
    }

    [Fact]
    public void Empty_lines_are_returned_and_counted()
    {
        Assert.Equal(["1:a", "2:", "3:", "4:b", "5:"], ReadAll(new MemoryStream(Utf8("a\n\r\n\nb\n\n"))));
    }

    [Fact]
    public void An_empty_stream_has_no_lines()
    {
        var reader = new NdjsonLineReader(new MemoryStream());

        Assert.False(reader.TryReadLine(out _));
        Assert.Equal(0, reader.LineNumber);
    }

    [Fact]
    public void A_lone_carriage_return_inside_a_line_is_kept()
    {
        Assert.Equal(["1:a\rb"], ReadAll(new MemoryStream(Utf8("a\rb\n"))));
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_skipped()
    {
        Assert.Equal(["1:{\"a\":1}", "2:b"], ReadAll(new MemoryStream([.. Bom, .. Utf8("{\"a\":1}\nb\n")])));
    }

    [Fact]
    public void A_byte_order_mark_alone_is_no_line()
    {
        Assert.Empty(ReadAll(new MemoryStream(Bom)));
    }

    [Fact]
    public void A_byte_order_mark_arriving_in_one_read_is_skipped_from_a_trickling_stream()
    {
        Assert.Equal(["1:ab", "2:c"], ReadAll(new TrickleStream([.. Bom, .. Utf8("ab\nc\n")], 3, 1, 2)));
    }

    [Fact]
    public void A_byte_order_mark_arriving_over_several_reads_is_skipped()
    {
        Assert.Equal(["1:ab", "2:c"], ReadAll(new TrickleStream([.. Bom, .. Utf8("ab\nc\n")], 1, 2, 3)));
    }

    [Fact]
    public void A_byte_order_mark_after_the_start_is_kept()
    {
        var lines = ReadAll(new MemoryStream([.. Utf8("a\n"), .. Bom, .. Utf8("b\n")]));

        Assert.Equal(["1:a", "2:\uFEFFb"], lines);
    }

    [Theory]
    [InlineData(1 << 20)]
    [InlineData(16)]
    public void Lines_that_span_many_small_reads_are_reassembled(int maxLineBytes)
    {
        var input = "{\"n\":1}\n\r\n0123456789abcdef\nñandú 😀\r\nlast";

        var lines = ReadAll(new TrickleStream(Utf8(input)), maxLineBytes);

        Assert.Equal(["1:{\"n\":1}", "2:", "3:0123456789abcdef", "4:ñandú 😀", "5:last"], lines);
    }

    [Fact]
    public void Many_lines_through_a_small_buffer_keep_their_numbers()
    {
        var input = string.Concat(Enumerable.Range(1, 500).Select(i => $"line-{i}\n"));

        var lines = ReadAll(new TrickleStream(Utf8(input), 7, 1, 3, 11), maxLineBytes: 12);

        Assert.Equal(Enumerable.Range(1, 500).Select(i => $"{i}:line-{i}"), lines);
    }

    [Fact]
    public void A_line_over_the_limit_is_returned_cut_and_flagged_and_the_next_line_is_read_whole()
    {
        var reader = new NdjsonLineReader(new MemoryStream(Utf8("short\n" + new string('x', 40) + "\nnext\n")), maxLineBytes: 16);

        Assert.Equal((1, "short", false), Next(reader));
        Assert.Equal((2, new string('x', 16), true), Next(reader));
        Assert.Equal((3, "next", false), Next(reader));
        Assert.False(reader.TryReadLine(out _));
    }

    [Fact]
    public void A_long_line_is_cut_the_same_way_from_a_trickling_stream()
    {
        var reader = new NdjsonLineReader(new TrickleStream(Utf8(new string('x', 40) + "\r\nnext\r\n" + new string('y', 17))), maxLineBytes: 16);

        Assert.Equal((1, new string('x', 16), true), Next(reader));
        Assert.Equal((2, "next", false), Next(reader));
        Assert.Equal((3, new string('y', 16), true), Next(reader));
        Assert.False(reader.TryReadLine(out _));
    }

    [Fact]
    public void Two_long_lines_in_a_row_are_both_cut()
    {
        var reader = new NdjsonLineReader(new MemoryStream(Utf8(new string('a', 30) + "\n" + new string('b', 50) + "\nc")), maxLineBytes: 16);

        Assert.Equal((1, new string('a', 16), true), Next(reader));
        Assert.Equal((2, new string('b', 16), true), Next(reader));
        Assert.Equal((3, "c", false), Next(reader));
    }

    [Fact]
    public void A_line_of_exactly_the_limit_is_returned_whole()
    {
        var reader = new NdjsonLineReader(new MemoryStream(Utf8(new string('x', 16) + "\nnext\n")), maxLineBytes: 16);

        Assert.Equal((1, new string('x', 16), false), Next(reader));
        Assert.Equal((2, "next", false), Next(reader));
    }

    [Fact]
    public void A_last_line_of_exactly_the_limit_without_newline_is_returned_whole()
    {
        var reader = new NdjsonLineReader(new MemoryStream(Utf8("a\n" + new string('x', 16))), maxLineBytes: 16);

        Assert.Equal((1, "a", false), Next(reader));
        Assert.Equal((2, new string('x', 16), false), Next(reader));
        Assert.False(reader.TryReadLine(out _));
    }

    [Fact]
    public void A_line_of_one_byte_over_the_limit_is_cut()
    {
        var reader = new NdjsonLineReader(new MemoryStream(Utf8(new string('x', 17) + "\nnext\n")), maxLineBytes: 16);

        Assert.Equal((1, new string('x', 16), true), Next(reader));
        Assert.Equal((2, "next", false), Next(reader));
    }

    [Fact]
    public void A_crlf_line_of_exactly_the_limit_is_returned_whole()
    {
        var reader = new NdjsonLineReader(new MemoryStream(Utf8(new string('x', 16) + "\r\nnext\n")), maxLineBytes: 16);

        Assert.Equal((1, new string('x', 16), false), Next(reader));
        Assert.Equal((2, "next", false), Next(reader));
    }

    [Fact]
    public void A_line_longer_than_the_first_buffer_but_within_the_limit_is_returned_whole()
    {
        var big = new string('z', (1 << 20) + 12345);
        var reader = new NdjsonLineReader(new MemoryStream(Utf8(big + "\nnext\n")), maxLineBytes: 2 << 20);

        Assert.Equal((1, big, false), Next(reader));
        Assert.Equal((2, "next", false), Next(reader));
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static (long Number, string Text, bool TooLong) Next(NdjsonLineReader reader)
    {
        Assert.True(reader.TryReadLine(out var line));
        return (reader.LineNumber, Encoding.UTF8.GetString(line), reader.LineTooLong);
    }

    /// <summary>Every line as "number:text"; fails if any line was cut.</summary>
    private static List<string> ReadAll(Stream stream, int maxLineBytes = 1 << 20)
    {
        var reader = new NdjsonLineReader(stream, maxLineBytes);
        var lines = new List<string>();
        while (reader.TryReadLine(out var line))
        {
            Assert.False(reader.LineTooLong);
            lines.Add($"{reader.LineNumber}:{Encoding.UTF8.GetString(line)}");
        }

        return lines;
    }
}
