using System.Text.Json;
using System.Threading.RateLimiting;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Access;
using AnalyticsCenter.Web.Api;
using Microsoft.AspNetCore.Authentication;

namespace AnalyticsCenter.Web;

/// <summary>Builds the HTTP host over a store: the API under <c>/api/v1</c>, its OpenAPI document, health.</summary>
public static class AnalyticsWebApp
{
    private const string ReadPolicy = "read";
    private const string IngestPolicy = "ingest";
    private const string AdminPolicy = "admin";
    private const string PerKeyLimit = "per-key";

    /// <param name="store">The store every request reads, as its key's workspace only.</param>
    /// <param name="settings">Limits.</param>
    /// <param name="configure">Adjusts the builder before it is built: listening addresses, a test server.</param>
    /// <param name="time">The clock refreshes run by (default the system's).</param>
    public static WebApplication Create(
        IAnalyticsStore store, WebHostSettings settings, Action<WebApplicationBuilder>? configure = null, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<WriterQueue>();
        builder.Services.AddSingleton<IngestWriter>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
        builder.Services.AddSingleton<ScheduledRefresh>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ScheduledRefresh>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<Problems.ExceptionHandler>();
        builder.Services.AddAuthentication(KeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, KeyAuthenticationHandler>(KeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.Allows(KeyScope.Read)))
            .AddPolicy(IngestPolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.Allows(KeyScope.Ingest)))
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.Allows(KeyScope.Admin)));
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(PerKeyLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirst(WorkspaceClaims.KeyId)?.Value ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.RequestsPerMinutePerKey, Window = TimeSpan.FromMinutes(1) }));
            options.OnRejected = async (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "60";
                await Problems.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"this key may make {settings.RequestsPerMinutePerKey} requests a minute; wait and retry");
            };
        });
        builder.Services.AddOpenApi();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/healthz", () => TypedResults.Text("ok")).ExcludeFromDescription();
        app.MapGet("/readyz", (IAnalyticsStore ready) =>
        {
            // Ready when the store answers a read.
            _ = ready.GetStatus();
            return TypedResults.Text("ready");
        }).ExcludeFromDescription();

        var api = app.MapGroup("/api/v1").RequireRateLimiting(PerKeyLimit);
        var read = api.MapGroup("").RequireAuthorization(ReadPolicy);
        StatusEndpoints.Map(read);
        QueryEndpoints.Map(read);
        TableEndpoints.Map(read);
        ReportEndpoints.Map(read);
        EventEndpoints.Map(api.MapGroup("").RequireAuthorization(IngestPolicy));
        RefreshEndpoints.Map(api.MapGroup("").RequireAuthorization(AdminPolicy));
        return app;
    }
}
