using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>
/// Each workspace's audit log in a real store: appended at the store's time, read newest first in pages, kept for its
/// retention and no longer, kept on reopen, and out of reach of tenant SQL.
/// </summary>
public abstract class AuditLogTests(IStoreFactory stores) : StoreTests(stores)
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceId s_globex = WorkspaceId.Parse("globex");
    private static readonly Actor s_ana = Actor.Embedded("yourplatform", "u-7", "Ana", "ana@example.com");

    [Fact]
    public async Task An_entry_keeps_who_did_what_when_to_what_and_how_it_ended_for_its_workspace_only()
    {
        var opened = new AuditRecord(s_acme, s_ana, AuditAction.EmbedSessionOpened, "u-7", "Ana");
        var refused = new AuditRecord(s_acme, Actor.User("", "eve@example.com"), AuditAction.SignInFailed, "", "eve@example.com",
            AuditOutcome.Refused, "wrong password");
        await Db.Store.RecordAsync(opened, Ct);
        var openedAt = Db.Time.Now.UtcDateTime;
        Db.Time.Now = Db.Time.Now.AddMinutes(1);
        await Db.Store.RecordAsync(refused, Ct);
        await Db.Store.RecordAsync(new AuditRecord(s_globex, Actor.Cli("ops"), AuditAction.ApiKeyCreated, "k1", "nightly"), Ct);
        await Db.ReopenAsync();

        var entries = await Db.Store.ReadAuditAsync(s_acme, null, null, 10, Ct);

        Assert.Equal([refused, opened], entries.Select(e => e.What));
        Assert.Equal([Db.Time.Now.UtcDateTime, openedAt], entries.Select(e => e.AtUtc));
        Assert.True(entries[0].Id > entries[1].Id);
        Assert.Equal(AuditAction.ApiKeyCreated, Assert.Single(await Db.Store.ReadAuditAsync(s_globex, null, null, 10, Ct)).What.Action);
    }

    [Fact]
    public async Task Pages_follow_each_other_by_the_last_id_and_a_since_time_leaves_out_older_entries()
    {
        foreach (var i in Enumerable.Range(1, 5))
        {
            await Db.Store.RecordAsync(new AuditRecord(s_acme, s_ana, AuditAction.SavedQueryChanged, $"q{i}", $"query {i}"), Ct);
            Db.Time.Now = Db.Time.Now.AddMinutes(1);
        }

        var first = await Db.Store.ReadAuditAsync(s_acme, null, null, 2, Ct);
        var second = await Db.Store.ReadAuditAsync(s_acme, null, first[^1].Id, 2, Ct);
        var third = await Db.Store.ReadAuditAsync(s_acme, null, second[^1].Id, 2, Ct);
        var recent = await Db.Store.ReadAuditAsync(s_acme, Db.Time.Now.UtcDateTime.AddMinutes(-2), null, 10, Ct);

        Assert.Equal(["q5", "q4", "q3", "q2", "q1"], first.Concat(second).Concat(third).Select(e => e.What.ObjectId));
        Assert.Equal(["q5", "q4"], recent.Select(e => e.What.ObjectId));
    }

    [Fact]
    public async Task Entries_are_kept_for_the_retention_past_the_events_thirty_days_and_then_dropped()
    {
        await Db.Store.RecordAsync(new AuditRecord(s_acme, s_ana, AuditAction.RetentionChanged, "", "", Detail: "7 days"), Ct);
        Db.Time.Now = Db.Time.Now.AddDays(200);
        Assert.Single(await Db.Store.ReadAuditAsync(s_acme, null, null, 10, Ct));

        Db.Time.Now = Db.Time.Now.AddDays(166);
        Assert.Empty(await Db.Store.ReadAuditAsync(s_acme, null, null, 10, Ct));
        await Db.Store.RecordAsync(new AuditRecord(s_acme, s_ana, AuditAction.TimeZoneChanged, "", "", Detail: "UTC"), Ct);
        // Back within the first entry's year: appending dropped it, so only the new one is left.
        Db.Time.Now = Db.Time.Now.AddDays(-300);
        Assert.Equal(AuditAction.TimeZoneChanged, Assert.Single(await Db.Store.ReadAuditAsync(s_acme, null, null, 10, Ct)).What.Action);
    }

    [Fact]
    public async Task Overlong_texts_are_cut_rather_than_refused()
    {
        await Db.Store.RecordAsync(
            new AuditRecord(s_acme, s_ana, AuditAction.EmbedTokenRefused, Outcome: AuditOutcome.Refused, Detail: new string('x', 5000)), Ct);

        Assert.Equal(AuditRecord.MaxTextLength, Assert.Single(await Db.Store.ReadAuditAsync(s_acme, null, null, 10, Ct)).What.Detail.Length);
    }

    [Theory]
    [InlineData("SELECT * FROM audit_log")]
    [InlineData("SELECT * FROM ac.audit_log")]
    [InlineData("SELECT * FROM analytics.audit_log")]
    [InlineData("SELECT count(*) FROM sessions UNION ALL SELECT count(*) FROM analytics.audit_log")]
    public async Task Tenant_sql_cannot_read_the_audit_log(string sql)
    {
        await Db.Store.RecordAsync(new AuditRecord(s_acme, s_ana, AuditAction.SignIn), Ct);

        var refusal = await Assert.ThrowsAsync<QueryRefusedException>(() => Db.RowsAsync(sql));
        Assert.DoesNotContain("Ana", refusal.Message, StringComparison.Ordinal);
    }
}
