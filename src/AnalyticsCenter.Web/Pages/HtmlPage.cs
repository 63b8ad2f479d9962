using System.Text.Encodings.Web;
using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Web.Pages;

/// <summary>An HTML page from an embedded template (<c>Pages/Html/NAME.html</c>) with its <c>{{name}}</c> holes filled, HTML-encoded.</summary>
internal static class HtmlPage
{
    public static IResult Render(string template, IReadOnlyDictionary<string, string> values, int status = StatusCodes.Status200OK)
    {
        var html = EmbeddedText.Read(typeof(HtmlPage).Assembly, $"Pages/{template}.html");
        foreach (var (name, value) in values)
        {
            html = html.Replace("{{" + name + "}}", HtmlEncoder.Default.Encode(value), StringComparison.Ordinal);
        }

        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
