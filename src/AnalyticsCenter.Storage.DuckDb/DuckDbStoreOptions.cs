using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>How a DuckDB store behaves. Immutable; every default is the documented product behaviour.</summary>
public sealed record DuckDbStoreOptions
{
    /// <summary>The retention window of the workspaces that set none of their own. Default 30 days.</summary>
    public RetentionPeriod Retention { get; init; } = RetentionPeriod.Default;

    /// <summary>How long each workspace's audit entries are kept: <see cref="AuditEntry.DefaultRetention"/> (a year) unless told.</summary>
    public TimeSpan AuditRetention { get; init; } = AuditEntry.DefaultRetention;

    /// <summary>A tenant query is interrupted after this long. Default 30 seconds.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest tenant query, in characters, that is parsed at all; a longer one is refused before DuckDB reads it.
    /// Default 100,000: ten times the longest report, far below what would cost the parser real memory.
    /// </summary>
    public int MaxQueryLength { get; init; } = 100_000;

    /// <summary>
    /// The most columns a tenant query's result may have; a wider one is refused before any row is read. Default 500: the
    /// two tables have 40 columns between them, and a result wider than a few hundred is a mistake or an attack.
    /// </summary>
    public int MaxResultColumns { get; init; } = 500;

    /// <summary>
    /// The biggest value one call may make in a tenant query, in bytes: the functions that turn a small input into a big
    /// string or list (<c>repeat</c>, <c>lpad</c>, <c>rpad</c>, <c>printf</c> and <c>format</c> widths, <c>replace</c>, <c>||</c>,
    /// <c>concat</c>, <c>range</c>, <c>generate_series</c>, <c>list_resize</c>, <c>array_resize</c>) refuse past it, lists at
    /// an eighth of it in items. Such values are outside DuckDB's memory limit, and a query makes them for a vector of 2,048
    /// rows at once. Default 65,536: longer than any message, 8,192 items (five years of hours need a table function).
    /// </summary>
    public int MaxValueBytes { get; init; } = 65_536;

    /// <summary>
    /// Tenant queries that run at once; the others wait their turn, within their <see cref="QueryTimeout"/>. Default 4: a
    /// flood queues instead of stacking its memory.
    /// </summary>
    public int MaxConcurrentQueries { get; init; } = 4;

    /// <summary>
    /// The process's memory (resident set, in bytes) past which every running tenant query is stopped and refused, saying
    /// so. Sampled every few milliseconds while queries run; the process can pass it by what the running queries make
    /// before DuckDB's next interrupt check (a vector of values under <see cref="MaxValueBytes"/> on each of their threads:
    /// a few hundred MB at most). Default 1.5 GiB: DuckDB's <see cref="MemoryLimit"/>, the server's own and a refresh of
    /// the benchmark's 5 million events, with room. Null: no watch.
    /// </summary>
    public long? ProcessMemoryLimit { get; init; } = 3L << 29;

    /// <summary>Lines committed per ingest transaction: bounds the work a crash can cost. Default 1,000,000.</summary>
    public int IngestBatchLines { get; init; } = 1_000_000;

    /// <summary>
    /// A refresh recomputes its timelines in passes of about this many stored events each (all workspaces' timelines
    /// together), so its memory is bounded however big the store. Default 3,000,000: two passes for the 5-million-event
    /// benchmark, within the default <see cref="MemoryLimit"/>; 14 million events in one pass run out of it.
    /// </summary>
    public long RefreshPassEvents { get; init; } = 3_000_000;

    /// <summary>Open for reading only, so other readers can share the file. Default false.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// DuckDB's memory limit; beyond it DuckDB spills to <see cref="TempDirectory"/>. Default <c>600MB</c>: the largest
    /// benchmark's refresh is no faster with more (docs/performance.md). Null leaves DuckDB's own default, most of the RAM.
    /// </summary>
    public string? MemoryLimit { get; init; } = "600MB";

    /// <summary>
    /// DuckDB's memory limit while a file is ingested, as long as no read has locked the configuration (the command
    /// line's <c>ingest</c>, <c>bench</c> and <c>demo</c>; a serving store's first read ends it). An ingest only appends,
    /// so beyond this DuckDB would only keep the blocks it just wrote. Default <c>200MB</c>: the benchmark's ingest is no
    /// slower than with more, and peaks lower (docs/performance.md). Null: <see cref="MemoryLimit"/> throughout.
    /// </summary>
    public string? IngestMemoryLimit { get; init; } = "200MB";

    /// <summary>Where DuckDB spills what does not fit in memory. Default null: a folder beside the store file (<c>FILE.tmp</c>).</summary>
    public string? TempDirectory { get; init; }

    /// <summary>
    /// Where Parquet exports are staged before they stream out, each file deleted once sent. Default null: a folder beside
    /// the store file (<c>FILE.exports</c>).
    /// </summary>
    public string? ExportDirectory { get; init; }
}
