using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Query;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// A workspace's key, however strong, sees only its own workspace: no answer of any route names another workspace or
/// tells its figures, and its on-demand refresh brings only its own workspace up to date.
/// </summary>
public sealed class WorkspaceIsolationTests : IAsyncLifetime
{
    private const string Other = "globexcorp";
    private const string OthersText = "globex secret plan";

    private static readonly string[] s_tables = ["sessions", "deployments"];

    private readonly TestStore _store = new();
    private TestApi _api = null!;
    private HttpClient _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var acme = new EventLines("acme");
        var other = new EventLines(Other, phone: "593991234567");
        await _store.IngestAsync(
            acme.Inbound("10:00:00", "acme one"),
            other.Inbound("09:00:00", OthersText), other.Inbound("09:30:00", OthersText, id: "g2"), other.DeploymentCreated("09:40:00", "globex-dep"));
        await _store.RefreshAsync("12:00:00");
        await _store.IngestAsync(acme.Inbound("13:00:00", "acme two"), other.Inbound("13:00:00", OthersText, id: "g3"));
        _api = await TestApi.StartAsync(_store, new WebHostSettings { RefreshEvery = null });
        _admin = _api.Client(await _api.KeyAsync("acme", KeyScope.Admin));
    }

    [Fact]
    public async Task An_admins_refresh_refreshes_and_answers_for_its_own_workspace_only()
    {
        Assert.Equal(1, await SessionsAsync(Other));
        var response = await _admin.PostAsync("/api/v1/refresh", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(Other, text, StringComparison.Ordinal);
        var answer = JsonDocument.Parse(text).RootElement;
        Assert.Equal("acme", answer.GetProperty("workspace").GetString());
        Assert.Equal(2, answer.GetProperty("sessions").GetInt64());
        Assert.Equal(0, answer.GetProperty("deployments").GetInt64());
        Assert.Equal(
            ["as_of", "seconds", "workspace", "sessions", "deployments", "timelines_recomputed", "full_rebuild"],
            answer.EnumerateObject().Select(p => p.Name));

        // It refreshed the caller's workspace alone: the other keeps its rows and its as-of time.
        Assert.Equal(1, await SessionsAsync(Other));
        Assert.Equal(EventLines.Utc("12:00:00"), (await _store.Store.GetStatusAsync(WorkspaceId.Parse(Other), Ct)).Single().AsOfUtc);
    }

    private async Task<long> SessionsAsync(string workspace) =>
        Convert.ToInt64((await _store.RowsAsync("SELECT count(*) AS n FROM sessions", workspace)).Single()["n"], CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_workspace_may_ask_for_a_refresh_once_per_interval()
    {
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync("/api/v1/refresh", null, Ct)).StatusCode);

        var again = await _admin.PostAsync("/api/v1/refresh", null, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(1), again.Headers.RetryAfter?.Delta);
        Assert.Contains("once every 60 s",
            (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Another workspace's admin is not held back by this one's.
        var otherAdmin = _api.Client(await _api.KeyAsync(Other, KeyScope.Admin));
        Assert.Equal(HttpStatusCode.OK, (await otherAdmin.PostAsync("/api/v1/refresh", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task No_route_answers_an_admin_key_with_another_workspaces_name_rows_or_figures()
    {
        var document = JsonDocument.Parse(await _admin.GetStringAsync("/openapi/v1.json", Ct)).RootElement;
        var answered = 0;
        foreach (var route in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in route.Value.EnumerateObject().Select(m => m.Name))
            {
                foreach (var url in Urls(route.Name))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
                    {
                        Content = method == "post" && url.EndsWith("/query", StringComparison.Ordinal)
                            ? JsonContent.Create(new { sql = "SELECT * FROM sessions" })
                            : null,
                    };
                    var response = await _admin.SendAsync(request, Ct);
                    var text = await response.Content.ReadAsStringAsync(Ct);
                    Assert.DoesNotContain(Other, text, StringComparison.Ordinal);
                    Assert.DoesNotContain(OthersText, text, StringComparison.Ordinal);
                    Assert.DoesNotContain("593991234567", text, StringComparison.Ordinal);
                    answered++;
                }
            }
        }

        Assert.True(answered > 20, $"only {answered} routes were tried");
    }

    /// <summary>Every way a route template can be filled in: each table, each report.</summary>
    private static IEnumerable<string> Urls(string template) =>
        template.Contains("{table}", StringComparison.Ordinal) ? s_tables.Select(t => template.Replace("{table}", t, StringComparison.Ordinal))
        : template.Contains("{name}", StringComparison.Ordinal) ? ReadyReport.All.Select(r => template.Replace("{name}", r.Name, StringComparison.Ordinal))
        : template.Contains("{id}", StringComparison.Ordinal) ? [template.Replace("{id}", "nope", StringComparison.Ordinal)]
        : [template];

    public ValueTask DisposeAsync() => _api.DisposeAsync();
}
