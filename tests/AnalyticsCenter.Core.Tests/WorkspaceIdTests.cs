using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Core.Tests;

public sealed class WorkspaceIdTests
{
    [Theory]
    [InlineData("acme")]
    [InlineData("a")]
    [InlineData("ACME_support-2")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void One_to_64_letters_digits_underscores_and_dashes_are_a_workspace_id(string text)
    {
        Assert.True(WorkspaceId.IsValid(text));
        Assert.Equal(text, WorkspaceId.Parse(text).Value);
        Assert.True(WorkspaceId.TryParse(text, out var id));
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ac me")]
    [InlineData("acme.com")]
    [InlineData("ácme")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public void Anything_else_is_not(string? text)
    {
        Assert.False(WorkspaceId.IsValid(text));
        Assert.False(WorkspaceId.TryParse(text, out var id));
        Assert.Null(id.Value);
        var error = Assert.Throws<ArgumentException>(() => WorkspaceId.Parse(text));
        Assert.Contains($"\"{text}\"", error.Message, StringComparison.Ordinal);
    }
}
