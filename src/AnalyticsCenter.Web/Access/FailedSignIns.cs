using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace AnalyticsCenter.Web.Access;

/// <summary>
/// Throttles key guessing per client address. The request rate limit counts per key, after authentication, so failed
/// attempts never reach it; here each failed authentication (a Bearer key or a sign-in form key that matches no active
/// key) takes a permit of its address's window, and once they are spent every request of that address that presents a
/// key is answered 429 with Retry-After before its key is checked, a right one included, so guessing learns nothing
/// until the window ends. Successful requests take nothing. A wrong password also counts against its account (email),
/// which locks after <see cref="WebHostSettings.FailedSignInsPerAccount"/> failures from any addresses.
/// </summary>
internal sealed class FailedSignIns : IDisposable
{
    private readonly WebHostSettings _settings;
    private readonly PartitionedRateLimiter<string> _failures;
    private readonly PartitionedRateLimiter<string> _accounts;

    public FailedSignIns(WebHostSettings settings)
    {
        _settings = settings;
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.FailedSignInsPerAddress, Window = settings.FailedSignInWindow }));
        _accounts = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(account,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.FailedSignInsPerAccount, Window = settings.AccountLockout }));
    }

    /// <summary>Counts a failed authentication against the request's address.</summary>
    public void Failed(HttpContext context) => _failures.AttemptAcquire(AddressOf(context)).Dispose();

    /// <summary>Counts a wrong password against the request's address and against the account it named.</summary>
    public void Failed(HttpContext context, string account)
    {
        Failed(context);
        _accounts.AttemptAcquire(Account(account)).Dispose();
    }

    /// <summary>How long <paramref name="account"/> stays locked, or null when it may try a password.</summary>
    public TimeSpan? LockedFor(string account)
    {
        using var lease = _accounts.AttemptAcquire(Account(account), 0);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : _settings.AccountLockout;
    }

    /// <summary>The middleware: refuses a key-bearing request from an address that has spent its failures.</summary>
    public async Task Guard(HttpContext context, RequestDelegate next)
    {
        if (PresentsKey(context.Request))
        {
            // Asking for no permit says whether any is left, and when the window ends if none is.
            using var lease = _failures.AttemptAcquire(AddressOf(context), 0);
            if (!lease.IsAcquired)
            {
                var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : _settings.FailedSignInWindow;
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.Write(context, StatusCodes.Status429TooManyRequests, "Too many failed sign-ins",
                    $"this address sent {_settings.FailedSignInsPerAddress} keys that matched no active key; no key is checked from it for {seconds} s");
                return;
            }
        }

        await next(context);
    }

    public void Dispose()
    {
        _failures.Dispose();
        _accounts.Dispose();
    }

    private static string Account(string email) => email.Trim().ToLowerInvariant();

    private static bool PresentsKey(HttpRequest request) =>
        KeyAuthenticationHandler.HasBearer(request)
            || (HttpMethods.IsPost(request.Method) && request.Path.Equals("/signin", StringComparison.OrdinalIgnoreCase));

    /// <summary>The client's address; an IPv6 one by its /64 network, which one machine commonly holds whole.</summary>
    private static string AddressOf(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address)
        {
            return "";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
