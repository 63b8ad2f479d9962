using System.Text;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Core.Ingestion;

/// <summary>Turns input lines into <see cref="ParsedLine"/>s: events with their stored text, or rejections. Not thread-safe.</summary>
public sealed class LineParser(string? onlyWorkspace, int maxLineBytes) : IDisposable
{
    private const string LineTooLongReason = "the line is longer than the limit";
    private const string UnreadableReason = "the line could not be read";
    private readonly EventParser _parser = new();
    private readonly EventDetails _details = new();

    /// <summary>Parses every line of <paramref name="raw"/>.</summary>
    public ParsedChunk Parse(RawChunk raw)
    {
        // An event's text is shorter than its line, so the chunk's own size rarely has to grow; the
        // pool hands out arrays of the size raw chunks use, which keeps one set of them going round.
        var chunk = new ParsedChunk(raw.Count, raw.Length, raw.BytesRead);
        for (var i = 0; i < raw.Count; i++)
        {
            chunk.Add(Parse(raw.FirstLineNumber + i, raw.Line(i), raw.TooLong(i), chunk.Text));
        }

        return chunk;
    }

    public void Dispose() => _details.Dispose();

    private ParsedLine Parse(long lineNumber, ReadOnlySpan<byte> line, bool tooLong, ByteBuffer text)
    {
        if (tooLong)
        {
            var rejection = new Rejection(LineTooLongReason, $"{LineTooLongReason} of {maxLineBytes} bytes");
            return ParsedLine.Rejected(lineNumber, rejection, null, RawText(line) + "…");
        }

        var start = text.Length;
        try
        {
            var parsed = _parser.Parse(line);
            return parsed.Event is { } e
                ? onlyWorkspace is null || e.WorkspaceId == onlyWorkspace
                    ? ParsedLine.Accepted(lineNumber, Write(e, text))
                    : ParsedLine.Rejected(lineNumber, OtherWorkspace(e.WorkspaceId, onlyWorkspace), onlyWorkspace, RawText(line))
                : ParsedLine.Rejected(lineNumber, parsed.Rejection!, parsed.WorkspaceId, RawText(line));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The parser rejects every bad line it knows of and never throws (fuzzed); should a line it does not know
            // make it or the writing of its text throw, that line alone is rejected, not its chunk and batch with it.
            text.Truncate(start);
            return ParsedLine.Rejected(lineNumber, new Rejection(UnreadableReason, $"{UnreadableReason}: {ex.Message}"), null, RawText(line));
        }
    }

    /// <summary>Writes the event's text in the order <see cref="ParsedEvent"/> reads it.</summary>
    private ParsedEvent Write(PlatformEvent e, ByteBuffer text)
    {
        var start = text.Length;
        var eventId = text.Write(e.EventId);
        var deploymentId = e.DeploymentId is { } deployment ? text.Write(deployment) : -1;
        var details = _details.Write(e, text);
        var workspace = text.Write(e.WorkspaceId);
        var timelineTail = e.LineNumber is { } number && e.User is { } user ? TimelineKey.WriteTail(text, number, user.CountryCode, user.Cellphone) : -1;
        return new ParsedEvent(
            EventIdHash.Of(e.WorkspaceId, e.EventId), e.Type, e.OccurredAt, e.Status, start, eventId, deploymentId, details, workspace, timelineTail);
    }

    private static Rejection OtherWorkspace(string named, string only) =>
        new("workspace_id is not this key's workspace", $"workspace_id \"{named}\" is not this key's workspace ({only})");

    /// <summary>The line as received; bytes that are not UTF-8 become U+FFFD, so the text can be shown and stored.</summary>
    private static string RawText(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line);
}
