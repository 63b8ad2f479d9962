using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Core.Tests;

public sealed class WorkspaceTimeZoneTests
{
    [Theory]
    [InlineData("Europe/Madrid")]
    [InlineData("America/Bogota")]
    [InlineData("America/Argentina/Buenos_Aires")]
    [InlineData("UTC")]
    public void An_iana_id_parses_as_itself(string id)
    {
        Assert.True(WorkspaceTimeZone.TryParse(id, out var zone));
        Assert.Equal(id, zone.Id);
        Assert.Equal(id, zone.ToString());
    }

    [Fact]
    public void Surrounding_spaces_are_ignored()
    {
        Assert.True(WorkspaceTimeZone.TryParse(" Europe/Madrid ", out var zone));
        Assert.Equal("Europe/Madrid", zone.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Mars/Olympus")]
    [InlineData("Europe/Madrid; DROP TABLE sessions")]
    [InlineData("../../../etc/passwd")]
    [InlineData("Romance Standard Time")]
    [InlineData("Local")]
    public void Anything_but_a_known_iana_id_is_refused(string? text) =>
        Assert.False(WorkspaceTimeZone.TryParse(text, out _));

    [Fact]
    public void The_default_and_an_unset_stored_zone_are_utc()
    {
        Assert.Equal("UTC", default(WorkspaceTimeZone).Id);
        Assert.Equal(WorkspaceTimeZone.Utc, default);
        Assert.Equal(WorkspaceTimeZone.Utc, WorkspaceTimeZone.FromStored(null));
        Assert.Equal("America/Bogota", WorkspaceTimeZone.FromStored("America/Bogota").Id);
    }
}
