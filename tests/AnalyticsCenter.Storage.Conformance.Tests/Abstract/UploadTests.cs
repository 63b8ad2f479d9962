using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Uploads;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>
/// Tables a workspace uploads: queried by name next to its sessions, walled off like them (another workspace's table of
/// the same name is never reached), listed, replaced, appended to and deleted all or nothing, kept on reopen.
/// </summary>
public abstract class UploadTests(IStoreFactory stores) : StoreTests(stores)
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceId s_globex = WorkspaceId.Parse("globex");
    private static readonly UploadLimits s_limits = new();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var acme = new EventLines("acme");
        var globex = new EventLines("globex", phone: "14155552671");
        await Db.IngestAsync(acme.Inbound("12:00:00", "acme hello"), globex.Inbound("12:00:00", "globex hello"));
        await Db.RefreshAsync("12:30:00");
    }

    [Fact]
    public async Task An_upload_is_a_table_of_its_name_joined_with_sessions_in_tenant_sql()
    {
        // Digits alone read as a whole number; the phone is named text to compare with sessions' text.
        var tags = await CsvUpload("audience_tags", "cellphone,tag,score\n3001234567,vip,2.5\n3001234567,new,1\n9999999999,other,7\n", "cellphone=text");
        await Db.Store.UploadAsync(s_acme, tags, UploadMode.Create, s_limits, Ct);

        var rows = await Db.RowsAsync(
            "SELECT t.tag, t.score, s.first_message FROM sessions s JOIN audience_tags t ON t.cellphone = s.user_cellphone ORDER BY t.tag");

        Assert.Equal(["new", "vip"], rows.Select(r => r["tag"]));
        Assert.Equal(2.5m, Convert.ToDecimal(rows[1]["score"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(rows, r => Assert.Equal("acme hello", r["first_message"]));
    }

    [Fact]
    public async Task Another_workspaces_upload_of_the_same_name_is_never_reached()
    {
        await UploadCsvAsync(s_acme, "ad_spend", "meta_source_id,spend\nad1,10\n");
        await UploadCsvAsync(s_globex, "ad_spend", "meta_source_id,spend\ng1,99\ng2,1\n");

        Assert.Equal("ad1", Assert.Single(await Db.RowsAsync("SELECT meta_source_id FROM ad_spend"))["meta_source_id"]);
        Assert.Equal(2, (await Db.RowsAsync("SELECT * FROM ad_spend", "globex")).Count);
        await Db.Store.DeleteUploadAsync(s_acme, "ad_spend", Ct);
        await Assert.ThrowsAnyAsync<Exception>(() => Db.RowsAsync("SELECT * FROM ad_spend"));
        Assert.Equal(2, (await Db.RowsAsync("SELECT * FROM ad_spend", "globex")).Count);
    }

    [Fact]
    public async Task Uploads_are_listed_with_columns_rows_bytes_and_time_and_survive_reopening()
    {
        var stored = await UploadCsvAsync(s_acme, "conversions", "phone,occurred_at,value\n+573001234567,2026-03-01T12:00:00Z,19.90\n");
        await Db.ReopenAsync();

        var listed = Assert.Single(await Db.Store.ListUploadsAsync(s_acme, Ct));
        Assert.Equal("conversions", listed.Name);
        Assert.Equal(
            [new UploadColumn("phone", UploadColumnType.Text), new UploadColumn("occurred_at", UploadColumnType.TimestampTz),
                new UploadColumn("value", UploadColumnType.ExactNumber)],
            listed.Columns);
        Assert.Equal((1L, "+573001234567".Length + 16L), (listed.Rows, listed.Bytes));
        Assert.Equal(Db.Time.Now.UtcDateTime, listed.UploadedAtUtc);
        Assert.Equal(stored.Rows, listed.Rows);
        Assert.Empty(await Db.Store.ListUploadsAsync(s_globex, Ct));
        var row = Assert.Single(await Db.RowsAsync("SELECT occurred_at, value, occurred_at::date AS day FROM conversions"));
        Assert.Equal(new DateTime(2026, 3, 1, 12, 0, 0), row["occurred_at"]);
        Assert.Equal(19.90m, row["value"]);
    }

    [Fact]
    public async Task Replacing_changes_the_columns_appending_adds_rows_and_a_mismatch_changes_nothing()
    {
        await UploadCsvAsync(s_acme, "t", "a\n1\n");
        await Assert.ThrowsAsync<UploadRejectedException>(() => UploadCsvAsync(s_acme, "t", "a\n2\n"));
        await UploadCsvAsync(s_acme, "t", "a,b\n1,x\n", UploadMode.Replace);
        await UploadCsvAsync(s_acme, "t", "a,b\n2,y\n", UploadMode.Append);
        await Assert.ThrowsAsync<UploadRejectedException>(() => UploadCsvAsync(s_acme, "t", "a,b\n3,true\n", UploadMode.Append));
        await Assert.ThrowsAsync<UploadRejectedException>(() => UploadCsvAsync(s_acme, "missing", "a\n1\n", UploadMode.Append));

        Assert.Equal(["x", "y"], (await Db.RowsAsync("SELECT b FROM t ORDER BY a")).Select(r => r["b"]));
        Assert.Equal(2, Assert.Single(await Db.Store.ListUploadsAsync(s_acme, Ct)).Rows);
    }

    [Fact]
    public async Task An_upload_past_the_workspace_limit_is_refused_and_nothing_is_stored()
    {
        var limits = new UploadLimits { MaxBytesPerWorkspace = 20 };
        await Db.Store.UploadAsync(s_acme, await CsvUpload("small", "a\n0123456789\n"), UploadMode.Create, limits, Ct);

        await Assert.ThrowsAsync<UploadRejectedException>(async () =>
            await Db.Store.UploadAsync(s_acme, await CsvUpload("big", "a\n0123456789x\n"), UploadMode.Create, limits, Ct));

        Assert.Equal(["small"], (await Db.Store.ListUploadsAsync(s_acme, Ct)).Select(u => u.Name));
        await Assert.ThrowsAnyAsync<Exception>(() => Db.RowsAsync("SELECT * FROM big"));
    }

    [Fact]
    public async Task Formula_like_text_comes_back_exactly_as_uploaded()
    {
        await UploadCsvAsync(s_acme, "notes", "note\n\"=HYPERLINK(\"\"http://x\"\")\"\n");

        Assert.Equal("=HYPERLINK(\"http://x\")", Assert.Single(await Db.RowsAsync("SELECT note FROM notes"))["note"]);
    }

    [Fact]
    public async Task The_store_tables_stay_unreachable_whatever_the_workspace_uploaded()
    {
        await UploadCsvAsync(s_acme, "ad_spend", "a\n1\n");

        await Assert.ThrowsAsync<QueryRefusedException>(() => Db.RowsAsync("SELECT * FROM events"));
        Assert.False(await Db.Store.DeleteUploadAsync(s_globex, "ad_spend", Ct));
        Assert.Single(await Db.RowsAsync("SELECT * FROM ad_spend"));
    }
}
