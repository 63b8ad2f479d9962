using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>
/// Saved queries in a real store: per workspace, saved again by name (keeping who created them, recording who changed
/// them), deleted only by their own workspace, kept on reopen.
/// </summary>
public abstract class SavedQueryTests(IStoreFactory stores) : StoreTests(stores)
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceId s_globex = WorkspaceId.Parse("globex");
    private static readonly Actor s_ana = Actor.Embedded("yourplatform", "u-7", "Ana", "ana@example.com");
    private static readonly Actor s_key = Actor.ApiKey("k1", "nightly");

    [Fact]
    public async Task A_saved_query_is_listed_for_its_workspace_only_and_survives_reopening()
    {
        var saved = await Db.Store.SaveQueryAsync(s_acme, "busy lines", "SELECT line_whatsapp_number, count(*) FROM sessions GROUP BY 1", s_ana, Ct);
        await Db.ReopenAsync();

        Assert.Equal([saved], await Db.Store.ListSavedQueriesAsync(s_acme, Ct));
        Assert.Equal(Db.Time.Now.UtcDateTime, saved.SavedAtUtc);
        Assert.Empty(await Db.Store.ListSavedQueriesAsync(s_globex, Ct));
    }

    [Fact]
    public async Task Saving_a_name_again_replaces_its_text_and_keeps_its_id()
    {
        var first = await Db.Store.SaveQueryAsync(s_acme, "n", "SELECT 1", s_ana, Ct);
        Db.Time.Now = Db.Time.Now.AddMinutes(5);
        var second = await Db.Store.SaveQueryAsync(s_acme, "n", "SELECT 2", s_key, Ct);
        var other = await Db.Store.SaveQueryAsync(s_globex, "n", "SELECT 3", s_ana, Ct);

        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal([second], await Db.Store.ListSavedQueriesAsync(s_acme, Ct));
        Assert.Equal("SELECT 2", second.Sql);
        Assert.Equal(Db.Time.Now.UtcDateTime, second.SavedAtUtc);
        Assert.Equal((s_ana, s_ana), (first.CreatedBy, first.ChangedBy));
        Assert.Equal((s_ana, s_key), (second.CreatedBy, second.ChangedBy));
    }

    [Fact]
    public async Task Another_workspace_cannot_delete_a_saved_query()
    {
        var saved = await Db.Store.SaveQueryAsync(s_acme, "mine", "SELECT 1", s_ana, Ct);

        Assert.False(await Db.Store.DeleteSavedQueryAsync(s_globex, saved.Id, Ct));
        Assert.Equal([saved], await Db.Store.ListSavedQueriesAsync(s_acme, Ct));
        Assert.True(await Db.Store.DeleteSavedQueryAsync(s_acme, saved.Id, Ct));
        Assert.False(await Db.Store.DeleteSavedQueryAsync(s_acme, saved.Id, Ct));
        Assert.Empty(await Db.Store.ListSavedQueriesAsync(s_acme, Ct));
    }

    [Theory]
    [InlineData("", "SELECT 1")]
    [InlineData("   ", "SELECT 1")]
    [InlineData("name", "")]
    [InlineData("name", "  \n ")]
    public async Task A_blank_name_or_query_is_refused_in_words(string name, string sql)
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Db.Store.SaveQueryAsync(s_acme, name, sql, s_ana, Ct));
        Assert.Contains("saved query needs", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await Db.Store.ListSavedQueriesAsync(s_acme, Ct));
    }

    [Fact]
    public async Task A_name_over_the_limit_is_refused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => Db.Store.SaveQueryAsync(s_acme, new string('n', 101), "SELECT 1", s_ana, Ct));
}
