using System.Text;
using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Core.Tests.Text;

/// <summary>The buffer parsed events keep their text in and the demo writes its lines into.</summary>
public sealed class ByteBufferTests
{
    [Fact]
    public void Text_written_past_the_first_array_is_kept_whole_in_the_larger_one()
    {
        using var text = new ByteBuffer(16);
        var first = text.Write("evento-ñ-1");
        text.WriteByte(0x1F);
        var second = text.Write(new string('x', 5_000));

        Assert.Equal((11, 5_000, 5_012), (first, second, text.Length));
        Assert.True(text.Bytes.Length >= 5_012);
        Assert.Equal("evento-ñ-1\u001f" + new string('x', 5_000), Encoding.UTF8.GetString(text.Bytes, 0, text.Length));
    }

    [Fact]
    public void Truncating_forgets_what_came_after_and_the_next_write_goes_there()
    {
        using var text = new ByteBuffer(64);
        text.Write("keep");
        text.Write("{}");
        text.Truncate(4);
        text.Write("!");

        Assert.Equal("keep!", Encoding.UTF8.GetString(text.Bytes, 0, text.Length));
    }
}
