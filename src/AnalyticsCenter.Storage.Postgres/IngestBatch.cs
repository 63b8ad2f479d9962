using System.Text;
using System.Text.Json;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Ingestion;
using AnalyticsCenter.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// One ingest transaction: events stream by binary COPY into the connection's staging table as they are read; the commit
/// adds new timelines, stores the new events (the database's unique key finds the duplicates, whoever stored them) and
/// queues them for the refresh, then copies the batch's rejections, held until then because one connection runs one COPY
/// at a time. The inputs of a group are told apart by their receipt times (each input has its own), which the store
/// statement returns with its counts, so the database sorts and joins no part number. The rows are written synchronously:
/// a COPY buffers them and only an occasional full buffer waits on the network, where an await per value would cost more
/// than the write.
/// </summary>
internal sealed class IngestBatch : IAsyncDisposable
{
    private const string NulIdCategory = "an id holds a NUL character";

    /// <summary>The transaction's settings and the staging tables, in one round trip.</summary>
    private static readonly string s_begin = SqlScripts.Get("Ingest/Begin.sql") + "\n" + SqlScripts.Get("Ingest/CreateStaging.sql");

    /// <summary><see cref="s_begin"/> after the retention windows' read, whose rows the reader then stands on.</summary>
    private static readonly string s_beginReadingWindows = SqlScripts.Get("Workspaces/Retentions.sql") + "\n" + s_begin;

    private static ReadOnlySpan<byte> NulEscape => "\\u0000"u8;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly NpgsqlBinaryImporter _staging;
    private readonly List<HeldRejection> _rejections = [];
    private readonly List<long> _eventsByPart = [];
    private readonly Dictionary<DateTime, int> _partByReceipt = [];
    private (DateTime ReceivedAt, int Part, string Source) _received;

    private IngestBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlBinaryImporter staging)
    {
        _connection = connection;
        _transaction = transaction;
        _staging = staging;
    }

    /// <summary>Lines added, events and rejections.</summary>
    public int Lines { get; private set; }

    /// <summary>
    /// Begins a batch on <paramref name="connection"/>; with <paramref name="readWindows"/>, also reads the workspaces' own
    /// retention windows in its transaction (<see cref="Windows"/>), in the same round trip.
    /// </summary>
    public static async Task<IngestBatch> BeginAsync(NpgsqlConnection connection, bool readWindows, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            IReadOnlyDictionary<string, RetentionPeriod>? windows = null;
            await using (var command = new NpgsqlCommand(readWindows ? s_beginReadingWindows : s_begin, connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                if (readWindows)
                {
                    windows = await WorkspaceSettings.ReadRetentionsAsync(reader, cancellationToken);
                }
            }

            var staging = await connection.BeginBinaryImportAsync(SqlScripts.Get("Ingest/CopyStaging.sql"), cancellationToken);
            return new IngestBatch(connection, transaction, staging) { Windows = windows };
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>The workspaces' own retention windows as the batch's transaction read them, when asked to.</summary>
    public IReadOnlyDictionary<string, RetentionPeriod>? Windows { get; private init; }

    /// <summary>
    /// Starts lines of input <paramref name="part"/> (0 for a file) named <paramref name="source"/>, received at
    /// <paramref name="receivedAt"/>: the lines added next are theirs. One input may have several receipt times, but no two
    /// inputs share one, since the commit tells them apart by it.
    /// </summary>
    /// <exception cref="ArgumentException">Another input of the batch was received at <paramref name="receivedAt"/>.</exception>
    public void Receive(DateTime receivedAt, int part, string source)
    {
        while (_eventsByPart.Count <= part)
        {
            _eventsByPart.Add(0);
        }

        if (!_partByReceipt.TryAdd(receivedAt, part) && _partByReceipt[receivedAt] != part)
        {
            throw new ArgumentException("two inputs of one batch share a receipt time", nameof(receivedAt));
        }

        _received = (receivedAt, part, source);
    }

    /// <summary>Adds a line of the input <see cref="Receive"/> started last. An event's text is in <paramref name="text"/>.</summary>
    /// <returns>The line as counted: an event whose id PostgreSQL cannot store becomes a rejection.</returns>
    public ParsedLine Add(in ParsedLine line, byte[] text)
    {
        var (receivedAt, part, source) = _received;
        var ord = Lines++;
        if (line.Rejection is null && HoldsNul(line.Event, text))
        {
            var rejected = NulIdRejection(line, text);
            _rejections.Add(new HeldRejection(rejected, source, receivedAt));
            return rejected;
        }

        if (line.Rejection is not null)
        {
            _rejections.Add(new HeldRejection(line, source, receivedAt));
            return line;
        }

        _eventsByPart[part]++;
        WriteEvent(ord, line.Event, text, receivedAt);
        return line;
    }

    /// <summary>Commits the batch; returns how many new events each part stored (the rest of its events were duplicates).</summary>
    public async Task<(long Events, long Stored)[]> CommitAsync(CancellationToken cancellationToken)
    {
        await _staging.CompleteAsync(cancellationToken);
        await _staging.DisposeAsync();
        await _connection.ExecuteAsync("Ingest/AddTimelines.sql", cancellationToken);
        var stored = new long[_eventsByPart.Count];
        await using (var command = _connection.Command("Ingest/StoreEvents.sql"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[_partByReceipt[reader.GetDateTime(0)]] += reader.GetInt64(1);
            }
        }

        if (_rejections.Count > 0)
        {
            await CopyRejectionsAsync(cancellationToken);
        }

        await _transaction.CommitAsync(cancellationToken);
        return _eventsByPart.Select((events, part) => (events, stored[part])).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _staging.DisposeAsync();
        await _transaction.DisposeAsync();
    }

    /// <summary>
    /// Writes the event's text as the UTF-8 the parser wrote (valid, as it came from strings), with no string in between;
    /// only details holding a <c>\u0000</c> escape, which PostgreSQL's JSON cannot read, go through <see cref="StoredText"/>.
    /// </summary>
    private void WriteEvent(int ord, in ParsedEvent e, byte[] text, DateTime receivedAt)
    {
        _staging.StartRow();
        _staging.Write(ord, NpgsqlDbType.Integer);
        WriteText(text, e.Workspace(text));
        WriteText(text, e.EventId(text));
        _staging.Write((short)e.Type, NpgsqlDbType.Smallint);
        _staging.Write(DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp);
        _staging.Write(receivedAt, NpgsqlDbType.Timestamp);
        if (e.HasTimeline)
        {
            // The key's parts: workspace (written above), line, country code, cellphone.
            var key = e.TimelineKey(text);
            var parts = TimelineKey.Parts(key);
            parts.MoveNext();
            while (parts.MoveNext())
            {
                WriteText(text, key[parts.Current]);
            }
        }
        else
        {
            _staging.WriteNull();
            _staging.WriteNull();
            _staging.WriteNull();
        }

        if (e.HasDeploymentId)
        {
            WriteText(text, e.DeploymentId(text));
        }
        else
        {
            _staging.WriteNull();
        }

        if (e.Status is { } status)
        {
            _staging.Write((short)status, NpgsqlDbType.Smallint);
        }
        else
        {
            _staging.WriteNull();
        }

        if (!e.HasDetails)
        {
            _staging.WriteNull();
        }
        else if (e.Details(text).IndexOf(NulEscape) < 0)
        {
            WriteText(text, e.Details(text));
        }
        else
        {
            _staging.Write(StoredText.ShowInJson(Encoding.UTF8.GetString(e.Details(text))), NpgsqlDbType.Text);
        }
    }

    /// <summary>Writes <paramref name="part"/>, a slice of <paramref name="text"/>, as text.</summary>
    private void WriteText(byte[] text, ReadOnlySpan<byte> part)
    {
        ((ReadOnlySpan<byte>)text).Overlaps(part, out var offset);
        _staging.Write((ReadOnlyMemory<byte>)text.AsMemory(offset, part.Length), NpgsqlDbType.Text);
    }

    private async Task CopyRejectionsAsync(CancellationToken cancellationToken)
    {
        await using var copy = await _connection.BeginBinaryImportAsync(SqlScripts.Get("Ingest/CopyRejections.sql"), cancellationToken);
        foreach (var (line, source, receivedAt) in _rejections)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(line.Workspace, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(receivedAt, NpgsqlDbType.Timestamp, cancellationToken);
            await copy.WriteAsync(source, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(line.LineNumber, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(StoredText.Show(line.Rejection!.Category), NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(StoredText.Show(line.Rejection.Reason), NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(StoredText.Show(line.Raw!), NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(StoredText.ExactIfShown(line.Raw!), NpgsqlDbType.Bytea, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static bool HoldsNul(in ParsedEvent e, byte[] text) => e.EventId(text).Contains((byte)0) || e.DeploymentId(text).Contains((byte)0);

    /// <summary>
    /// An event whose event_id or deployment_id holds a NUL, which a PostgreSQL key cannot: rejected in words, its stored
    /// fields kept as JSON (the NUL escaped) since the parser hands on no raw text of an accepted line.
    /// </summary>
    private static ParsedLine NulIdRejection(in ParsedLine line, byte[] text)
    {
        var e = line.Event;
        var workspace = Encoding.UTF8.GetString(e.Workspace(text));
        var raw = JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["event_id"] = Encoding.UTF8.GetString(e.EventId(text)),
            ["workspace_id"] = workspace,
            ["deployment_id"] = e.HasDeploymentId ? Encoding.UTF8.GetString(e.DeploymentId(text)) : null,
            ["occurred_at"] = e.OccurredAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["details"] = e.HasDetails ? Encoding.UTF8.GetString(e.Details(text)) : null,
        });
        var rejection = new Rejection(NulIdCategory, $"{NulIdCategory} (U+0000), which PostgreSQL cannot store");
        return ParsedLine.Rejected(line.LineNumber, rejection, workspace, raw);
    }

    private readonly record struct HeldRejection(ParsedLine Line, string Source, DateTime ReceivedAt);
}
