using System.Data;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Core.Tests.Storage;

public sealed class WorkspaceStatusReaderTests
{
    private static readonly DateTime s_asOf = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Unspecified);

    [Fact]
    public void Columns_are_read_by_name_whatever_their_order()
    {
        // The status SQL's columns listed backwards, as a SELECT reordered in either store would list them.
        using var table = new DataTable();
        table.Columns.Add("retention_us", typeof(long));
        table.Columns.Add("time_zone", typeof(string));
        table.Columns.Add("inactivity_timeout_us", typeof(long));
        table.Columns.Add("has_timeout", typeof(bool));
        table.Columns.Add("statuses_pending", typeof(long));
        table.Columns.Add("events_waiting", typeof(long));
        table.Columns.Add("deployments", typeof(long));
        table.Columns.Add("sessions", typeof(long));
        table.Columns.Add("refreshed_at", typeof(DateTime));
        table.Columns.Add("as_of", typeof(DateTime));
        table.Columns.Add("workspace_id", typeof(string));
        table.Rows.Add(TimeSpan.FromDays(7).Ticks / 10, "America/Mexico_City", 1_800_000_000L, true, 4L, 3L, 2L, 1L, s_asOf.AddMinutes(1), s_asOf, "acme");
        table.Rows.Add(DBNull.Value, DBNull.Value, DBNull.Value, false, 0L, 5L, 0L, 0L, DBNull.Value, DBNull.Value, "globex");

        using var reader = table.CreateDataReader();
        var rows = new WorkspaceStatusReader(reader, RetentionPeriod.Default);
        var statuses = new List<WorkspaceStatus>();
        while (reader.Read())
        {
            statuses.Add(rows.Current());
        }

        Assert.Equal(
            [
                new WorkspaceStatus(
                    "acme", DateTime.SpecifyKind(s_asOf, DateTimeKind.Utc), DateTime.SpecifyKind(s_asOf.AddMinutes(1), DateTimeKind.Utc), 1, 2, 3, 4,
                    InactivityTimeout.FromMicros(1_800_000_000), WorkspaceTimeZone.FromStored("America/Mexico_City"),
                    RetentionPeriod.Of(TimeSpan.FromDays(7))),
                new WorkspaceStatus("globex", null, null, 0, 0, 5, 0, InactivityTimeout.None, WorkspaceTimeZone.Utc, RetentionPeriod.Default),
            ],
            statuses);
    }
}
