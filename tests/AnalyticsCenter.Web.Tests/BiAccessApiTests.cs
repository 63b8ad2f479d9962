using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Storage.Postgres;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// <c>/api/v1/bi-access</c> over a PostgreSQL store: an admin key grants, lists and revokes its own workspace's BI logins
/// only; the URL it gets once is a login that reads that workspace's rows.
/// </summary>
public sealed class BiAccessApiTests(PostgresServer server) : IAsyncLifetime
{
    private ServedPostgresStore _served = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PostgresStore Store => _served.Store;

    public async ValueTask InitializeAsync()
    {
        server.SkipUnlessRunning();
        var time = new FixedTimeProvider(new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero));
        _served = await ServedPostgresStore.OpenAsync(server, new PostgresStoreOptions(), time);
        var events = $"{new EventLines("acme").Inbound("10:00:00", "from acme")}\n{new EventLines("globex").Inbound("10:00:00", "from globex")}\n";
        await Store.IngestAsync(new MemoryStream(Encoding.UTF8.GetBytes(events)), new IngestOptions { Source = "test.ndjson" }, Ct);
        await Store.RefreshAsync(EventLines.Utc("12:00:00"), Ct);
        await _served.StartAsync(new WebHostSettings(), time);
    }

    private Task<HttpClient> ClientAsync(string workspace, KeyScope scope = KeyScope.Admin) => _served.ClientAsync(workspace, scope);

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    [Fact]
    public async Task An_admin_key_grants_a_login_whose_url_reads_only_its_workspaces_rows()
    {
        using var acme = await ClientAsync("acme");

        using var granted = await acme.PostAsJsonAsync("/api/v1/bi-access", new { name = "metabase" }, Ct);
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        Assert.Equal("/api/v1/bi-access/metabase", granted.Headers.Location?.ToString());
        var body = await Json(granted);
        Assert.Equal(("metabase", "acme"), (body.GetProperty("name").GetString(), body.GetProperty("workspace").GetString()));

        var url = new Uri(body.GetProperty("connection_url").GetString()!);
        var user = url.UserInfo.Split(':', 2);
        await using var login = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.Port,
            Database = url.AbsolutePath.TrimStart('/'),
            Username = user[0],
            Password = user[1],
            Pooling = false,
        }.ConnectionString);
        await login.OpenAsync(Ct);
        await using var workspaces = new NpgsqlCommand("SELECT string_agg(DISTINCT first_message, ',') FROM sessions", login);
        Assert.Equal("from acme", await workspaces.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task An_empty_object_takes_the_default_name_and_list_shows_the_own_workspace_only_without_passwords()
    {
        using var acme = await ClientAsync("acme");
        using var globex = await ClientAsync("globex");
        using var globexGrant = await globex.PostAsJsonAsync("/api/v1/bi-access", new { }, Ct);
        Assert.Equal("globex-bi", (await Json(globexGrant)).GetProperty("name").GetString());
        using var acmeGrant = await acme.PostAsJsonAsync("/api/v1/bi-access", new { }, Ct);
        var password = new Uri((await Json(acmeGrant)).GetProperty("connection_url").GetString()!).UserInfo.Split(':', 2)[1];

        using var listed = await acme.GetAsync("/api/v1/bi-access", Ct);
        var text = await listed.Content.ReadAsStringAsync(Ct);
        var names = JsonDocument.Parse(text).RootElement.EnumerateArray().Select(row => row.GetProperty("name").GetString()).ToList();

        Assert.Equal(["acme-bi"], names);
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        Assert.DoesNotContain("connection_url", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_another_workspaces_login_is_404_and_revoking_ones_own_ends_it()
    {
        using var acme = await ClientAsync("acme");
        using var globex = await ClientAsync("globex");
        using var granted = await globex.PostAsJsonAsync("/api/v1/bi-access", new { name = "globex-tool" }, Ct);
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);

        using var foreign = await acme.DeleteAsync("/api/v1/bi-access/globex-tool", Ct);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("this workspace has no BI access \"globex-tool\"", (await Json(foreign)).GetProperty("detail").GetString());
        Assert.Contains(await Store.ListBiAccessAsync(Ct), login => login.Name == "globex-tool");

        using var own = await globex.DeleteAsync("/api/v1/bi-access/globex-tool", Ct);
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        Assert.DoesNotContain(await Store.ListBiAccessAsync(Ct), login => login.Name == "globex-tool");
    }

    [Fact]
    public async Task A_taken_name_is_409_a_malformed_one_400_and_a_read_key_may_not_grant()
    {
        using var acme = await ClientAsync("acme");
        using var first = await acme.PostAsJsonAsync("/api/v1/bi-access", new { name = "twice" }, Ct);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var taken = await acme.PostAsJsonAsync("/api/v1/bi-access", new { name = "twice" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(BiAccessNames.Taken("twice"), (await Json(taken)).GetProperty("detail").GetString());
        using var malformed = await acme.PostAsJsonAsync("/api/v1/bi-access", new { name = "Power BI" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(BiAccessNames.Malformed("Power BI"), (await Json(malformed)).GetProperty("detail").GetString());
        using var reader = await ClientAsync("acme", KeyScope.Read);
        using var forbidden = await reader.PostAsJsonAsync("/api/v1/bi-access", new { name = "sneaky" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (_served is not null)
        {
            await _served.DisposeAsync();
        }
    }
}
