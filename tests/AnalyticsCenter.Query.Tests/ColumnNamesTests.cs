namespace AnalyticsCenter.Query.Tests;

public sealed class ColumnNamesTests
{
    [Theory]
    [InlineData("a,b,c", "a,b,c")]
    [InlineData("a,a,a", "a,a_2,a_3")]
    [InlineData("a,a,a_2", "a,a_3,a_2")]
    [InlineData("a_2,a,a", "a_2,a,a_3")]
    [InlineData("A,a", "A,a")]
    public void Repeated_names_get_the_first_free_numeric_suffix(string names, string expected)
    {
        Assert.Equal(expected.Split(','), ColumnNames.MakeUnique(names.Split(',')));
    }
}
