using System.Globalization;
using System.Text.Json;

namespace AnalyticsCenter.Cli.Load;

/// <summary>
/// An NDJSON file cut into request bodies of at most N lines each, one workspace per body (an ingest key sends only its
/// own workspace's events). A line whose workspace cannot be read goes with the first workspace's, to be rejected there.
/// </summary>
internal sealed record IngestBatches(IReadOnlyList<IngestBatch> Batches, IReadOnlyList<string> Workspaces, long Lines)
{
    public static IngestBatches Read(string path, int linesPerBatch) => Of(FileLines(path), linesPerBatch);

    /// <summary>
    /// The file's lines by the minute they say they occurred in (from <paramref name="start"/>; a line with no time, or one
    /// before, in the first), each minute's cut into request bodies as <see cref="Read"/> cuts a file.
    /// </summary>
    public static IReadOnlyList<IngestBatches> ReadByMinute(string path, int linesPerBatch, DateTimeOffset start)
    {
        var minutes = new List<List<byte[]>>();
        foreach (var line in FileLines(path))
        {
            var minute = TopLevelString(line, "occurred_at"u8) is { } text
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? (int)Math.Max(0, Math.Floor((at - start).TotalMinutes))
                : 0;
            while (minutes.Count <= minute)
            {
                minutes.Add([]);
            }

            minutes[minute].Add(line);
        }

        return [.. minutes.Select(lines => Of(lines, linesPerBatch))];
    }

    private static IEnumerable<byte[]> FileLines(string path) => File.ReadLines(path).Select(line => System.Text.Encoding.UTF8.GetBytes(line + "\n"));

    private static IngestBatches Of(IEnumerable<byte[]> allLines, int linesPerBatch)
    {
        var open = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
        var batches = new List<IngestBatch>();
        string? first = null;
        var unknown = new List<byte[]>();
        long lines = 0;
        foreach (var bytes in allLines)
        {
            lines++;
            var workspace = TopLevelString(bytes, "workspace_id"u8) ?? first;
            if (workspace is null)
            {
                unknown.Add(bytes);
                continue;
            }

            first ??= workspace;
            if (!open.TryGetValue(workspace, out var batch))
            {
                open[workspace] = batch = [.. unknown];
                unknown.Clear();
            }

            batch.Add(bytes);
            if (batch.Count == linesPerBatch)
            {
                batches.Add(IngestBatch.Of(workspace, batch));
                batch.Clear();
            }
        }

        foreach (var (workspace, batch) in open.Where(b => b.Value.Count > 0))
        {
            batches.Add(IngestBatch.Of(workspace, batch));
        }

        return new IngestBatches(batches, [.. open.Keys.Order(StringComparer.Ordinal)], lines);
    }

    /// <summary>The top-level string property <paramref name="name"/>, or null when the line is not JSON or has none.</summary>
    private static string? TopLevelString(byte[] line, ReadOnlySpan<byte> name)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isIt = reader.ValueTextEquals(name);
                reader.Read();
                if (isIt)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // A defective line: nothing to read.
        }

        return null;
    }
}

/// <summary>One request body: <see cref="Lines"/> NDJSON lines of <see cref="Workspace"/>.</summary>
internal sealed record IngestBatch(string Workspace, byte[] Body, int Lines)
{
    public static IngestBatch Of(string workspace, List<byte[]> lines)
    {
        var body = new byte[lines.Sum(l => l.Length)];
        var at = 0;
        foreach (var line in lines)
        {
            line.CopyTo(body, at);
            at += line.Length;
        }

        return new IngestBatch(workspace, body, lines.Count);
    }
}
