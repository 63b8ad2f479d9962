using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Tests;

public sealed class PhoneNumberSplitterTests
{
    [Theory]
    [InlineData("573001234567", "+57", "3001234567")]
    [InlineData("14155552671", "+1", "4155552671")]
    [InlineData("593991234567", "+593", "991234567")]
    [InlineData("5215512345678", "+52", "15512345678")]
    [InlineData("525512345678", "+52", "5512345678")]
    [InlineData("5491123456789", "+54", "91123456789")]
    [InlineData("34612345678", "+34", "612345678")]
    [InlineData("447911123456", "+44", "7911123456")]
    public void A_number_is_split_by_the_international_numbering_plan(string digits, string countryCode, string cellphone)
    {
        Assert.Equal(new UserPhone(countryCode, cellphone), new PhoneNumberSplitter().Split(digits));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("573")]
    [InlineData("999123")]
    [InlineData("0573001234567")]
    [InlineData("573001234567123456")]
    public void A_number_without_a_known_country_code_or_of_an_impossible_length_is_refused(string digits)
    {
        Assert.Null(new PhoneNumberSplitter().Split(digits));
    }

    [Fact]
    public void A_repeated_number_gives_the_same_split()
    {
        var splitter = new PhoneNumberSplitter();

        var first = splitter.Split("573001234567");
        var again = splitter.Split("573001234567".AsSpan());

        Assert.Same(first, again);
        Assert.Null(splitter.Split("12"));
        Assert.Null(splitter.Split("12"));
    }
}
