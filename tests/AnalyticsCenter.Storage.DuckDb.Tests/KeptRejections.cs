namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>The rejections a store keeps, every workspace's, as their line number, reason and raw text.</summary>
internal static class KeptRejections
{
    public static List<(long? Line, string Reason, string? Raw)> Read(DuckDbStore store) =>
        store.ReadRejectionsAsync(null, reader =>
        {
            var rows = new List<(long?, string, string?)>();
            var (line, reason, raw) = (reader.GetOrdinal("line_number"), reader.GetOrdinal("reason"), reader.GetOrdinal("raw"));
            while (reader.Read())
            {
                rows.Add((reader.IsDBNull(line) ? null : reader.GetInt64(line), reader.GetString(reason), reader.IsDBNull(raw) ? null : reader.GetString(raw)));
            }

            return Task.FromResult(rows);
        }, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
}
