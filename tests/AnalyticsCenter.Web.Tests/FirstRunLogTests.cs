using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AnalyticsCenter.TestKit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnalyticsCenter.Web.Tests;

/// <summary>What a person running the server reads in its log: one short line a request, and no alarm about its own key ring.</summary>
public sealed class FirstRunLogTests : IAsyncLifetime
{
    private readonly string _keys = Directory.CreateTempSubdirectory("ac-signin-keys-").FullName;
    private readonly CapturedLogs _logs = new();
    private TestApi _api = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _api = await TestApi.StartAsync(
        new TestStore(), new WebHostSettings { SignInKeysDirectory = _keys }, builder => builder.Logging.AddProvider(_logs));

    [Fact]
    public async Task Each_request_is_one_log_line_with_method_path_status_and_milliseconds_and_never_its_query_string()
    {
        var client = _api.Client(await _api.KeyAsync("acme"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/status?secret=query-text", Ct)).StatusCode);

        var logged = Assert.Single(_logs.Entries, e => e.Message.Contains("/api/v1/status", StringComparison.Ordinal));
        Assert.Equal("request", logged.Category);
        Assert.Equal(LogLevel.Information, logged.Level);
        Assert.Matches(@"^GET /api/v1/status 200 \d+(\.\d)? ms$", logged.Message);
        Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains("query-text", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Making_the_first_sign_in_key_logs_no_warning()
    {
        // The first sign-in (or any first protected cookie) makes the key ring's first key.
        var protector = _api.App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal("hola", protector.Unprotect(protector.Protect("hola")));

        Assert.NotEmpty(Directory.GetFiles(_keys, "key-*.xml"));
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_refused_key_is_told_it_was_refused_and_a_missing_one_is_told_to_send_one()
    {
        var wrong = _api.Client(null);
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "ack_wrong_wrongwrongwrong");
        var refused = await wrong.GetAsync("/api/v1/status", Ct);
        var missing = await _api.Client(null).GetAsync("/api/v1/status", Ct);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (refused.StatusCode, missing.StatusCode));
        Assert.StartsWith("the key was refused", await Detail(refused), StringComparison.Ordinal);
        Assert.StartsWith("send a workspace key", await Detail(missing), StringComparison.Ordinal);
    }

    private static async Task<string> Detail(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("detail").GetString()!;

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(_keys, recursive: true);
    }
}
