using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// The id of each (workspace, line, country code, cellphone) timeline, loaded once and kept by the store; new timelines
/// get the next ids and are appended in the ingest's own transaction.
/// </summary>
internal sealed class TimelineIds
{
    private readonly Dictionary<(string, string, string, string), long> _ids = [];
    private long _next;

    public static TimelineIds Load(DuckDBConnection connection)
    {
        var ids = new TimelineIds();
        using var command = connection.Prepare("SELECT timeline_id, workspace_id, line_number, user_country_code, user_cellphone FROM ac.timelines");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            ids._ids[(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4))] = id;
            ids._next = Math.Max(ids._next, id);
        }

        return ids;
    }

    /// <summary>The timeline's id; a new one is appended to <paramref name="appender"/>.</summary>
    public long Get(string workspace, string line, string countryCode, string cellphone, Func<DuckDBAppender> appender)
    {
        var key = (workspace, line, countryCode, cellphone);
        if (!_ids.TryGetValue(key, out var id))
        {
            id = ++_next;
            _ids[key] = id;
            appender().CreateRow().AppendValue(id).AppendValue(workspace).AppendValue(line).AppendValue(countryCode).AppendValue(cellphone).EndRow();
        }

        return id;
    }
}
