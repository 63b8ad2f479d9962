using System.Net;
using System.Text.Json;
using AnalyticsCenter.TestKit;
using Microsoft.Extensions.Logging;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// A request that fails on the server's side answers 500 with a trace id, and the log holds that failure once, with its
/// exception and the same trace id, so that a client's report can be found.
/// </summary>
public sealed class UnhandledErrorTests : IAsyncLifetime
{
    private readonly TestStore _store = new();
    private readonly CapturedLogs _logs = new();
    private TestApi _api = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _api = await TestApi.StartAsync(_store, configure: builder => builder.Logging.AddProvider(_logs));

    [Theory]
    [InlineData("/api/v1/status")]
    [InlineData("/readyz")]
    [InlineData("/api/v1/reports/failure-reasons")]
    public async Task A_500_is_logged_once_with_its_exception_and_the_trace_id_the_client_got(string path)
    {
        var client = _api.Client(await _api.KeyAsync("acme"));
        // A real store that fails: closed, and its file overwritten, under the running server.
        _store.Store.Dispose();
        File.Delete(_store.DatabasePath + ".wal");
        await File.WriteAllTextAsync(_store.DatabasePath, "not a database", Ct);

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        var traceId = problem.GetProperty("trace_id").GetString()!;
        Assert.Contains(traceId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The server's background checks may also meet the broken store, and log that under their own name.
        var errors = _logs.Entries.Where(e => e.Level >= LogLevel.Error && e.Category != typeof(ScheduledDeliveries).FullName).ToList();
        var logged = Assert.Single(errors);
        Assert.NotNull(logged.Exception);
        Assert.Contains(traceId, logged.Message, StringComparison.Ordinal);
        Assert.Contains(path, logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logged.Exception.Message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => _api.DisposeAsync();
}
