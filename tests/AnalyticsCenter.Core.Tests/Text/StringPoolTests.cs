using System.Text;
using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Core.Tests.Text;

public sealed class StringPoolTests
{
    private readonly StringPool _pool = new();

    [Theory]
    [InlineData("n_menu")]
    [InlineData("Acme Atención")]
    [InlineData("¿Con qué necesitas ayuda?")]
    public void A_value_read_twice_is_the_same_string_whether_looked_up_by_bytes_or_by_characters(string value)
    {
        var first = _pool.Get(Encoding.UTF8.GetBytes(value));

        Assert.Equal(value, first);
        Assert.Same(first, _pool.Get(Encoding.UTF8.GetBytes(value)));
        Assert.Same(first, _pool.Get(value.AsSpan()));
    }

    [Fact]
    public void Values_that_differ_only_past_ascii_or_in_length_are_kept_apart()
    {
        var accented = _pool.Get(Encoding.UTF8.GetBytes("Atención"));
        var plain = _pool.Get(Encoding.UTF8.GetBytes("Atencion"));
        var longer = _pool.Get(Encoding.UTF8.GetBytes("Atención!"));

        Assert.Equal(["Atención", "Atencion", "Atención!"], [accented, plain, longer]);
    }
}
