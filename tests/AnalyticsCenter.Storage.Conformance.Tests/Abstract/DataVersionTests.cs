using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Uploads;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>
/// A workspace's data version changes with everything its reports read, and with nothing else: an answer kept under it
/// (the HTTP API's kept reports) is right exactly as long as the version stays.
/// </summary>
public abstract class DataVersionTests(IStoreFactory stores) : StoreTests(stores)
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceId s_globex = WorkspaceId.Parse("globex");
    private readonly EventLines _acme = new("acme");
    private readonly EventLines _globex = new("globex", phone: "593991234567");

    private Task<long> VersionAsync(WorkspaceId workspace) => Db.Store.DataVersionAsync(workspace, Ct);

    [Fact]
    public async Task A_workspaces_version_rises_with_each_of_its_refreshes_and_stays_through_ingest_and_other_workspaces_refreshes()
    {
        Assert.Equal(0, await VersionAsync(s_acme));
        await Db.IngestAsync(_acme.Inbound("10:00:00"), _globex.Inbound("10:00:00"));
        Assert.Equal(0, await VersionAsync(s_acme));

        await Db.RefreshAsync("11:00:00");
        var acme = await VersionAsync(s_acme);
        var globex = await VersionAsync(s_globex);
        Assert.True(acme > 0 && globex > 0);

        await Db.IngestAsync(_acme.Inbound("12:00:00", id: "a2"));
        Assert.Equal(acme, await VersionAsync(s_acme));
        await Db.Store.RefreshAsync(s_acme, EventLines.Utc("13:00:00"), Ct);
        Assert.True(await VersionAsync(s_acme) > acme);
        Assert.Equal(globex, await VersionAsync(s_globex));
    }

    [Fact]
    public async Task A_workspaces_version_rises_with_each_change_to_its_uploads_and_stays_when_one_is_refused()
    {
        var seen = new List<long> { await VersionAsync(s_acme) };

        await UploadCsvAsync(s_acme, "audience_tags", "cellphone,tag\n3001234567,vip\n", UploadMode.Create);
        seen.Add(await VersionAsync(s_acme));
        await UploadCsvAsync(s_acme, "audience_tags", "cellphone,tag\n3001234568,new\n", UploadMode.Append);
        seen.Add(await VersionAsync(s_acme));
        await Assert.ThrowsAsync<UploadRejectedException>(() => UploadCsvAsync(s_acme, "audience_tags", "cellphone,tag\n1,x\n", UploadMode.Create));
        Assert.Equal(seen[^1], await VersionAsync(s_acme));
        Assert.True(await Db.Store.DeleteUploadAsync(s_acme, "audience_tags", Ct));
        seen.Add(await VersionAsync(s_acme));

        Assert.Equal(seen.Order(), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(0, await VersionAsync(s_globex));
    }
}
