using System.Net.Http.Headers;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// The real host on ASP.NET Core's test server over a real temporary store, with keys and clients for its workspaces.
/// Disposing it disposes the store too.
/// </summary>
internal sealed class TestApi : IAsyncDisposable
{
    private TestApi(TestStore store, WebApplication app)
    {
        Store = store;
        App = app;
    }

    public TestStore Store { get; }

    public WebApplication App { get; }

    /// <param name="store">The store the host serves.</param>
    /// <param name="settings">Its settings (default the product's).</param>
    /// <param name="configure">More for the builder: a log provider, the client's address.</param>
    public static async Task<TestApi> StartAsync(TestStore store, WebHostSettings? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var app = AnalyticsWebApp.Create(store.Store, settings ?? new WebHostSettings(), builder =>
        {
            builder.WebHost.UseTestServer();
            configure?.Invoke(builder);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TestApi(store, app);
    }

    /// <summary>A new key of <paramref name="workspace"/>.</summary>
    public async Task<string> KeyAsync(string workspace, KeyScope scope = KeyScope.Read) =>
        (await Store.Store.CreateKeyAsync(WorkspaceId.Parse(workspace), "test", scope, TestContext.Current.CancellationToken)).Key;

    /// <summary>A client that sends <paramref name="key"/> as its Bearer key, or no key.</summary>
    public HttpClient Client(string? key)
    {
        var client = App.GetTestClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Store.Dispose();
    }
}
