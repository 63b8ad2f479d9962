using System.Text;
using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Web.Pages;

/// <summary>
/// The event contract's pages (the repository's <c>docs/events/*.md</c>, embedded at build, so the server documents the very
/// contract it was built with): Markdown under <c>/api/docs/events</c>, and listed in the OpenAPI document's description,
/// which the API reference at <c>/api/docs</c> renders.
/// </summary>
internal static class EventDocs
{
    public const string Path = "/api/docs/events";
    private const string Prefix = "EventDocs/";
    private const string Index = "README";

    /// <summary>The pages' names: <c>README</c> (the envelope and the list) and one per event type, e.g. <c>message.inbound</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. typeof(EventDocs).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..^".md".Length])
            .Order(StringComparer.Ordinal),
    ];

    public static void Map(WebApplication app)
    {
        var docs = app.MapGroup(Path).ExcludeFromDescription();
        docs.MapGet("", () => Page(Index));
        docs.MapGet("/{file}", (string file) => file.EndsWith(".md", StringComparison.Ordinal) && Names.Contains(file[..^".md".Length])
            ? Page(file[..^".md".Length])
            : Problems.Result(StatusCodes.Status404NotFound, "No such page", $"the event contract's pages are {Path}/NAME.md for NAME in " +
                string.Join(", ", Names)));
    }

    /// <summary>The OpenAPI document's description: how events are sent, and a link to each type's page.</summary>
    public static string Description()
    {
        var text = new StringBuilder(
            "Send events with `POST /api/v1/events` (NDJSON, or a JSON array); read them back with SQL. The event contract, " +
            $"its envelope and bad values: [{Path}]({Path}). A page per event type:\n\n");
        foreach (var name in Names.Where(n => n != Index))
        {
            // A page's first line is "# `type`: what happened".
            var title = Read(name).AsSpan();
            var heading = title[..title.IndexOf('\n')].TrimStart("# ");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"- [{name}]({Path}/{name}.md): {heading[(heading.IndexOf(':') + 1)..].Trim()}\n");
        }

        return text.ToString();
    }

    /// <summary>As plain text, which every browser shows (some would download <c>text/markdown</c>).</summary>
    private static IResult Page(string name) => Results.Text(Read(name), "text/plain; charset=utf-8");

    private static string Read(string name) => EmbeddedText.Read(typeof(EventDocs).Assembly, Prefix + name + ".md");
}
