using System.Text;
using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>Turns one input line into a <see cref="ParsedLine"/>: an event with its stored details, or a rejection. Not thread-safe.</summary>
internal sealed class LineParser(string? onlyWorkspace, int maxLineBytes) : IDisposable
{
    private const string LineTooLongReason = "the line is longer than the limit";
    private readonly EventParser _parser = new();
    private readonly EventDetails _details = new();

    /// <param name="lineNumber">The line's 1-based number in its input.</param>
    /// <param name="line">The line, without its terminator.</param>
    /// <param name="tooLong">Whether the line was cut at the reader's limit.</param>
    public ParsedLine Parse(long lineNumber, ReadOnlySpan<byte> line, bool tooLong)
    {
        if (tooLong)
        {
            var rejection = new Rejection(LineTooLongReason, $"{LineTooLongReason} of {maxLineBytes} bytes");
            return new ParsedLine(lineNumber, null, null, 0, rejection, null, RawText(line) + "…");
        }

        var parsed = _parser.Parse(line);
        return parsed.Event is { } e
            ? onlyWorkspace is null || e.WorkspaceId == onlyWorkspace
                ? new ParsedLine(lineNumber, e, _details.Of(e), StoredEventIds.Hash(e.WorkspaceId, e.EventId), null, e.WorkspaceId, null)
                : new ParsedLine(lineNumber, null, null, 0, OtherWorkspace(e.WorkspaceId, onlyWorkspace), onlyWorkspace, RawText(line))
            : new ParsedLine(lineNumber, null, null, 0, parsed.Rejection, parsed.WorkspaceId, RawText(line));
    }

    public void Dispose() => _details.Dispose();

    private static Rejection OtherWorkspace(string named, string only) =>
        new("workspace_id is not this key's workspace", $"workspace_id \"{named}\" is not this key's workspace ({only})");

    /// <summary>The line as received; bytes that are not UTF-8 become U+FFFD, so the text can be shown and stored.</summary>
    private static string RawText(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line);
}
