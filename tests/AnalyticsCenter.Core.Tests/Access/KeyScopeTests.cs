using AnalyticsCenter.Core.Access;

namespace AnalyticsCenter.Core.Tests.Access;

public sealed class KeyScopeTests
{
    private static ApiKeyInfo Key(KeyScope scope) => new("abcdefgh2345", "acme", "k", scope, DateTime.UnixEpoch, null);

    [Theory]
    [InlineData(KeyScope.Admin, KeyScope.Admin, true)]
    [InlineData(KeyScope.Admin, KeyScope.Read, true)]
    [InlineData(KeyScope.Admin, KeyScope.Ingest, true)]
    [InlineData(KeyScope.Read, KeyScope.Read, true)]
    [InlineData(KeyScope.Read, KeyScope.Ingest, false)]
    [InlineData(KeyScope.Read, KeyScope.Admin, false)]
    [InlineData(KeyScope.Ingest, KeyScope.Ingest, true)]
    [InlineData(KeyScope.Ingest, KeyScope.Read, false)]
    [InlineData(KeyScope.Ingest, KeyScope.Admin, false)]
    public void Admin_allows_everything_other_scopes_only_themselves(KeyScope scope, KeyScope needed, bool allowed) =>
        Assert.Equal(allowed, Key(scope).Allows(needed));

    [Fact]
    public void The_stored_numbers_do_not_change()
    {
        Assert.Equal(1, (int)KeyScope.Read);
        Assert.Equal(2, (int)KeyScope.Ingest);
        Assert.Equal(3, (int)KeyScope.Admin);
    }

    [Fact]
    public void A_key_is_active_until_revoked()
    {
        Assert.True(Key(KeyScope.Read).IsActive);
        Assert.False((Key(KeyScope.Read) with { RevokedAtUtc = DateTime.UnixEpoch }).IsActive);
    }
}
