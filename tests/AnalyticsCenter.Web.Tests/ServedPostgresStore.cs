using System.Net.Http.Headers;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Storage.Postgres;
using AnalyticsCenter.TestKit.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// A PostgreSQL store on a database of its own (opened by its owning role), then served by the real host on ASP.NET Core's
/// test server; the host, the store and the database go at dispose.
/// </summary>
internal sealed class ServedPostgresStore : IAsyncDisposable
{
    private WebApplication? _app;

    private ServedPostgresStore(OwnedDatabase database, PostgresStore store) => (Database, Store) = (database, store);

    public OwnedDatabase Database { get; }

    public PostgresStore Store { get; }

    public WebApplication App => _app ?? throw new InvalidOperationException("the host starts with StartAsync");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Opens the store on a fresh database; <see cref="StartAsync"/> serves it once the test has arranged its rows.</summary>
    public static async Task<ServedPostgresStore> OpenAsync(PostgresServer server, PostgresStoreOptions options, TimeProvider time)
    {
        var database = await OwnedDatabase.CreateAsync(server, Ct);
        try
        {
            return new ServedPostgresStore(database, await PostgresStore.OpenAsync(database.ConnectionString, options, time, Ct));
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public async Task StartAsync(WebHostSettings settings, TimeProvider time)
    {
        _app = AnalyticsWebApp.Create(Store, settings, builder => builder.WebHost.UseTestServer(), time);
        await _app.StartAsync(Ct);
    }

    /// <summary>A client that sends a new key of <paramref name="workspace"/> with <paramref name="scope"/>.</summary>
    public async Task<HttpClient> ClientAsync(string workspace, KeyScope scope)
    {
        var key = await Store.CreateKeyAsync(WorkspaceId.Parse(workspace), "test", scope, Ct);
        var client = App.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await Store.DisposeAsync();
        await Database.DisposeAsync();
    }
}
