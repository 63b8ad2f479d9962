using System.Diagnostics;
using System.Net;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Web.Tests;

/// <summary>
/// Guessing keys is throttled per client address: after a few keys that match nothing, the address's key-bearing
/// requests get 429 with Retry-After until the window ends (a right key included); other addresses and successful
/// requests are not affected. The sign-in form counts the same (<see cref="WebSignInTests"/>).
/// </summary>
public sealed class FailedSignInThrottleTests : IAsyncLifetime
{
    private const string WrongKey = "ack_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    // Long enough that a test's requests fall in one window however loaded the machine.
    private static readonly TimeSpan s_window = TimeSpan.FromMinutes(1);

    private readonly TestStore _store = new();
    private TestApi _api = null!;
    private string _key = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = await ThrottledApiAsync(_store, s_window);
        _key = await _api.KeyAsync("acme");
    }

    private static Task<TestApi> ThrottledApiAsync(TestStore store, TimeSpan window) =>
        TestApi.StartAsync(store, new WebHostSettings { FailedSignInsPerAddress = 3, FailedSignInWindow = window }, ClientAddresses.AddTo);

    private static HttpClient From(TestApi api, string address, string? key)
    {
        var client = api.Client(key);
        client.DefaultRequestHeaders.Add(ClientAddresses.Header, address);
        return client;
    }

    private static async Task<HttpStatusCode> Status(TestApi api, string address, string? key) =>
        (await From(api, address, key).GetAsync("/api/v1/status", Ct)).StatusCode;

    private Task<HttpStatusCode> Status(string address, string? key) => Status(_api, address, key);

    [Fact]
    public async Task Wrong_keys_past_the_limit_get_429_with_retry_after_even_for_a_right_key()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await Status("203.0.113.5", WrongKey));
        }

        var throttled = await From(_api, "203.0.113.5", WrongKey).GetAsync("/api/v1/status", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(s_window, throttled.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", throttled.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.TooManyRequests, await Status("203.0.113.5", _key));
    }

    [Fact]
    public async Task A_throttled_address_is_let_in_again_once_its_window_ends()
    {
        var window = TimeSpan.FromSeconds(2);
        await using var api = await ThrottledApiAsync(new TestStore(), window);
        var key = await api.KeyAsync("acme");

        // The limiter's windows run on the real clock, each address's from its first request: an attempt says something
        // only when its requests all fell in one window, so a slow one is tried again from another address.
        var address = "";
        for (var attempt = 1; address.Length == 0; attempt++)
        {
            var candidate = $"203.0.113.{attempt}";
            var started = Stopwatch.StartNew();
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, await Status(api, candidate, WrongKey));
            }

            var status = await Status(api, candidate, key);
            if (started.Elapsed < window)
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, status);
                address = candidate;
            }

            Assert.True(attempt < 20, $"no attempt sent four requests within {window}");
        }

        await Waiting.UntilAsync(async () => await Status(api, address, key) != HttpStatusCode.TooManyRequests,
            () => $"{address} is still throttled");
        Assert.Equal(HttpStatusCode.OK, await Status(api, address, key));
    }

    [Fact]
    public async Task Other_addresses_are_not_held_back_but_an_ipv6_network_counts_as_one()
    {
        for (var i = 0; i < 3; i++)
        {
            await Status("2001:db8:1:2::10", WrongKey);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await Status("2001:db8:1:2::99", _key));
        Assert.Equal(HttpStatusCode.OK, await Status("2001:db8:1:3::10", _key));
        Assert.Equal(HttpStatusCode.OK, await Status("203.0.113.6", _key));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status("203.0.113.6", WrongKey));
    }

    [Fact]
    public async Task Successful_and_keyless_requests_are_not_counted_or_refused()
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await Status("198.51.100.1", _key));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Status("198.51.100.1", WrongKey));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status("198.51.100.1", WrongKey));
        Assert.Equal(HttpStatusCode.OK, await Status("198.51.100.1", _key));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status("198.51.100.1", WrongKey));

        // Spent: keys wait, but what needs no key still answers.
        Assert.Equal(HttpStatusCode.TooManyRequests, await Status("198.51.100.1", _key));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status("198.51.100.1", null));
        Assert.Equal("ok", await From(_api, "198.51.100.1", null).GetStringAsync("/healthz", Ct));
    }

    public ValueTask DisposeAsync() => _api.DisposeAsync();
}
