using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>Saved queries in a real store: per workspace, saved again by name, deleted only by their own workspace, kept on reopen.</summary>
public sealed class SavedQueryTests : IDisposable
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceId s_globex = WorkspaceId.Parse("globex");
    private readonly TestStore _store = new();

    [Fact]
    public void A_saved_query_is_listed_for_its_workspace_only_and_survives_reopening()
    {
        var saved = _store.Store.SaveQuery(s_acme, "busy lines", "SELECT line_whatsapp_number, count(*) FROM sessions GROUP BY 1");
        _store.Reopen();

        Assert.Equal([saved], _store.Store.ListSavedQueries(s_acme));
        Assert.Equal(_store.Time.Now.UtcDateTime, saved.SavedAtUtc);
        Assert.Empty(_store.Store.ListSavedQueries(s_globex));
    }

    [Fact]
    public void Saving_a_name_again_replaces_its_text_and_keeps_its_id()
    {
        var first = _store.Store.SaveQuery(s_acme, "n", "SELECT 1");
        _store.Time.Now = _store.Time.Now.AddMinutes(5);
        var second = _store.Store.SaveQuery(s_acme, "n", "SELECT 2");
        var other = _store.Store.SaveQuery(s_globex, "n", "SELECT 3");

        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal([second], _store.Store.ListSavedQueries(s_acme));
        Assert.Equal("SELECT 2", second.Sql);
        Assert.Equal(_store.Time.Now.UtcDateTime, second.SavedAtUtc);
    }

    [Fact]
    public void Another_workspace_cannot_delete_a_saved_query()
    {
        var saved = _store.Store.SaveQuery(s_acme, "mine", "SELECT 1");

        Assert.False(_store.Store.DeleteSavedQuery(s_globex, saved.Id));
        Assert.Equal([saved], _store.Store.ListSavedQueries(s_acme));
        Assert.True(_store.Store.DeleteSavedQuery(s_acme, saved.Id));
        Assert.False(_store.Store.DeleteSavedQuery(s_acme, saved.Id));
        Assert.Empty(_store.Store.ListSavedQueries(s_acme));
    }

    [Theory]
    [InlineData("", "SELECT 1")]
    [InlineData("   ", "SELECT 1")]
    [InlineData("name", "")]
    [InlineData("name", "  \n ")]
    public void A_blank_name_or_query_is_refused_in_words(string name, string sql)
    {
        var refused = Assert.Throws<ArgumentException>(() => _store.Store.SaveQuery(s_acme, name, sql));
        Assert.Contains("saved query needs", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_store.Store.ListSavedQueries(s_acme));
    }

    [Fact]
    public void A_name_over_the_limit_is_refused() =>
        Assert.Throws<ArgumentException>(() => _store.Store.SaveQuery(s_acme, new string('n', 101), "SELECT 1"));

    public void Dispose() => _store.Dispose();
}
