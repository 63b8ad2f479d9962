using System.Net;
using AnalyticsCenter.Storage.DuckDb;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Cli.Tests;

/// <summary><c>analytics lines add|link|list</c> through the real program, and a served line receiving Meta's webhook.</summary>
public sealed class LinesCommandTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("ac-lines-").FullName;

    private Analytics.Result Run(params string[] args) => Analytics.Run(_folder, args);

    private string DatabasePath => Path.Combine(_folder, "data", "analytics.duckdb");

    private void AddAcmeLine()
    {
        var added = Run("lines", "add", "--workspace", "acme", "--phone-number-id", "106540352242922", "--number", "+1 555-078-3881",
            "--display-name", "Acme Support", "--default-conversation", "conv_welcome:3");
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("line 106540352242922 (+15550783881, \"Acme Support\") belongs to workspace acme; sessions it starts go to conv_welcome version 3",
            added.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_and_link_configure_a_line_that_list_shows_and_the_store_keeps()
    {
        AddAcmeLine();
        var linked = Run("lines", "link", "--phone-number-id", "106540352242922", "--code", "[BF26-IG]", "--campaign", "bf-2026", "--source", "instagram");
        Assert.Equal(0, linked.ExitCode);
        Assert.Equal(0, Run("lines", "add", "--workspace", "globex", "--phone-number-id", "112233445566778",
            "--number", "5215550001111", "--display-name", "Globex Ventas").ExitCode);

        var listed = Run("lines", "list", "--workspace", "acme");
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("Acme Support", listed.Output, StringComparison.Ordinal);
        Assert.Contains("conv_welcome:3", listed.Output, StringComparison.Ordinal);
        Assert.Contains("[BF26-IG] → bf-2026 (instagram)", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Globex", listed.Output, StringComparison.Ordinal);

        using var store = DuckDbStore.Open(DatabasePath, new DuckDbStoreOptions { ReadOnly = true });
        var lines = await store.ListLinesAsync(cancellationToken: Ct);
        Assert.Equal(WhatsAppPayloads.AcmeLine.DefaultConversation, lines[0].DefaultConversation);
        Assert.Equal(WhatsAppPayloads.AcmeLine.LinkCodes, lines[0].LinkCodes);
        Assert.Equal(("15550783881", "globex", null), (lines[0].Number, lines[1].Workspace.Value, lines[1].DefaultConversation));
    }

    [Theory]
    [InlineData("--phone-number-id", "+15550783881", "is not Meta's numeric phone number id")]
    [InlineData("--number", "555-CALL-NOW", "is not a phone number with country code")]
    [InlineData("--default-conversation", "conv_welcome", "is not ID:VERSION")]
    [InlineData("--workspace", "acme corp", "is not 1–64 characters")]
    public void Add_refuses_a_malformed_value_saying_which_and_why(string option, string value, string why)
    {
        var args = new Dictionary<string, string>
        {
            ["--workspace"] = "acme",
            ["--phone-number-id"] = "106540352242922",
            ["--number"] = "15550783881",
            ["--display-name"] = "Acme Support",
            [option] = value,
        };

        var result = Run(["lines", "add", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(why, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_to_a_line_that_does_not_exist_fails_saying_so()
    {
        var result = Run("lines", "link", "--phone-number-id", "106540352242922", "--code", "[X]", "--campaign", "x");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("there is no line 106540352242922", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_served_line_answers_metas_handshake_and_stores_a_signed_delivery_with_secrets_from_a_settings_file()
    {
        AddAcmeLine();
        var settings = Path.Combine(_folder, "settings.json");
        File.WriteAllText(settings, $$$"""{"WhatsApp": {"AppSecret": "{{{WhatsAppPayloads.AppSecret}}}", "VerifyToken": "tok-91"} }""");
        var url = $"http://127.0.0.1:{ServeTests.FreePort()}";
        var ct = TestContext.Current.CancellationToken;
        using (var server = Analytics.Start(_folder, null, "serve", "--urls", url, "--settings", settings, "--refresh-every", "none"))
        {
            try
            {
                await Healthz.WaitAsync(url, server);
                using var http = new HttpClient { BaseAddress = new Uri(url) };
                Assert.Equal("77",
                    await http.GetStringAsync(new Uri("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=tok-91&hub.challenge=77", UriKind.Relative), ct));

                var body = WhatsAppPayloads.Read("text");
                using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(body) };
                request.Headers.Add("X-Hub-Signature-256", WhatsAppPayloads.Signature(body));
                Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request, ct)).StatusCode);
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(ct);
            }
        }

        Assert.Equal(0, Run("refresh", "--as-of", "2026-11-20T15:00:00Z").ExitCode);
        var query = Run("query", "SELECT first_message, line_whatsapp_display_name FROM sessions", "--workspace", "acme", "--format", "csv");
        Assert.Equal("first_message,line_whatsapp_display_name\r\nDoes it come in another color?,Acme Support\r\n", query.Output);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
