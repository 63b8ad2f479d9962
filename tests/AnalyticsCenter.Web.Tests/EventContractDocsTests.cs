using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// The event contract's pages, as the server serves them: one per event type, whose example line the real parser accepts
/// as that type and whose bad lines it rejects with the very reason the page gives, so the pages cannot drift from the parser.
/// </summary>
public sealed partial class EventContractDocsTests : IAsyncLifetime
{
    private TestApi _api = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> EventTypes => [.. TypeNames];

    private static IEnumerable<string> TypeNames => Enum.GetValues<EventType>().Select(t => t.Name());

    public async ValueTask InitializeAsync() => _api = await TestApi.StartAsync(new TestStore());

    private async Task<string> PageAsync(string path)
    {
        // The contract is public: no key is needed to read it.
        var response = await _api.Client(null).GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public async Task Each_event_type_has_a_page_whose_example_the_parser_accepts_as_that_type(string type)
    {
        var page = await PageAsync($"/api/docs/events/{type}.md");

        Assert.StartsWith($"# `{type}`: ", page, StringComparison.Ordinal);
        Assert.True(page.Contains("| field | type | required | meaning |", StringComparison.Ordinal)
            || page.Contains("It has only [the envelope]", StringComparison.Ordinal), "the page names the type's fields");
        var example = Assert.Single(ExampleBlock().Matches(page)).Groups["line"].Value;
        var parsed = new EventParser().Parse(Encoding.UTF8.GetBytes(example));
        Assert.Null(parsed.Rejection?.Reason);
        Assert.Equal(type, parsed.Event!.Type.Name());
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    [InlineData("README")]
    public async Task Every_bad_line_on_a_page_gets_the_rejection_reason_the_page_gives(string page)
    {
        var text = await PageAsync(page == "README" ? "/api/docs/events" : $"/api/docs/events/{page}.md");

        var rows = BadLineRow().Matches(text);
        Assert.NotEmpty(rows);
        foreach (Match row in rows)
        {
            var parsed = new EventParser().Parse(Encoding.UTF8.GetBytes(row.Groups["line"].Value));
            Assert.Equal(row.Groups["reason"].Value, parsed.Rejection?.Reason);
        }
    }

    [Fact]
    public async Task The_api_reference_links_every_event_types_page_and_an_unknown_page_is_a_404()
    {
        var openApi = JsonDocument.Parse(await PageAsync("/openapi/v1.json")).RootElement;
        var description = openApi.GetProperty("info").GetProperty("description").GetString()!;
        foreach (var type in TypeNames)
        {
            Assert.Contains($"[{type}](/api/docs/events/{type}.md)", description, StringComparison.Ordinal);
        }

        Assert.Contains("/api/docs/events", await PageAsync("/api/docs"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Client(null).GetAsync("/api/docs/events/message.sent.md", Ct)).StatusCode);
    }

    [GeneratedRegex("## Example\\n\\n```json\\n(?<line>[^\\n]+)\\n```")]
    private static partial Regex ExampleBlock();

    [GeneratedRegex("^\\| `(?<line>\\{[^\\n]*\\})` \\| `(?<reason>[^`\\n]+)` \\|$", RegexOptions.Multiline)]
    private static partial Regex BadLineRow();

    public ValueTask DisposeAsync() => _api.DisposeAsync();
}
