using AnalyticsCenter.Core.Ingestion;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// The id of each (workspace, line, country code, cellphone) timeline by its <see cref="TimelineKey"/>, loaded once and
/// kept by the store; new timelines get the next ids and are appended in the ingest's own transaction.
/// </summary>
internal sealed class TimelineIds
{
    private readonly Dictionary<byte[], long> _ids = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<byte[], long>.AlternateLookup<ReadOnlySpan<byte>> _byText;
    private long _next;

    private TimelineIds() => _byText = _ids.GetAlternateLookup<ReadOnlySpan<byte>>();

    public static TimelineIds Load(DuckDBConnection connection)
    {
        var ids = new TimelineIds();
        using var command = connection.Prepare("SELECT timeline_id, workspace_id, line_number, user_country_code, user_cellphone FROM ac.timelines");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            ids._ids[TimelineKey.Of(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4))] = id;
            ids._next = Math.Max(ids._next, id);
        }

        return ids;
    }

    /// <summary>The id of the timeline <paramref name="key"/> names; a new one is appended to <paramref name="appender"/>.</summary>
    public long Get(Span<byte> key, Func<DuckDBAppender> appender)
    {
        if (!_byText.TryGetValue(key, out var id))
        {
            id = ++_next;
            _ids[key.ToArray()] = id;
            var row = appender().CreateRow().AppendValue(id);
            foreach (var part in TimelineKey.Parts(key))
            {
                row = row.AppendValue(key[part]);
            }

            row.EndRow();
        }

        return id;
    }
}
