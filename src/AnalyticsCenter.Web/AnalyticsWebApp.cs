using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Access;
using AnalyticsCenter.Web.Api;
using AnalyticsCenter.Web.Embed;
using AnalyticsCenter.Web.Pages;
using AnalyticsCenter.Web.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.AspNetCore.RateLimiting;
using OpenTelemetry.Metrics;

namespace AnalyticsCenter.Web;

/// <summary>
/// Builds the HTTP host over a store: the API under <c>/api/v1</c> (Bearer keys, or the web tab's sign-in cookie with an
/// anti-forgery token), its OpenAPI document and reference page, the web tab's pages and assets, health.
/// </summary>
public static class AnalyticsWebApp
{
    private const string PerKeyLimit = "per-key";
    private const string RefreshLimit = "refresh";

    /// <param name="store">The store every request reads, as its key's workspace only: registered under each of its roles.</param>
    /// <param name="settings">Limits.</param>
    /// <param name="configure">Adjusts the builder before it is built: listening addresses, a test server.</param>
    /// <param name="time">The clock refreshes run by (default the system's).</param>
    public static WebApplication Create(
        IAnalyticsStore store, WebHostSettings settings, Action<WebApplicationBuilder>? configure = null, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        AddStore(builder.Services, store);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<WriterQueue>();
        builder.Services.AddSingleton(services => WhatsAppWebhookSettings.From(services.GetRequiredService<IConfiguration>()));

        builder.Services.AddSingleton<IngestWriter>();
        builder.Services.AddSingleton(new KeptReports(KeptReportsBytes));
        builder.Services.AddSingleton<ReportAnswers>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
        AddOperations(builder);
        builder.Services.AddSingleton<ScheduledRefresh>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ScheduledRefresh>());
        SubscriptionServices.Add(builder.Services, store);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<Problems.ExceptionHandler>();
        var protection = builder.Services.AddDataProtection().SetApplicationName("AnalyticsCenter");
        if (settings.SignInKeysDirectory is { } keys)
        {
            // Kept beside the store, so a restart does not sign everyone out.
            protection.PersistKeysToFileSystem(Directory.CreateDirectory(keys));
        }
        else if (store is ISignInKeyRing ring)
        {
            // A store several servers share keeps the keys itself: a sign-in made through one is good on all, and survives restarts.
            builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = new StoredSignInKeys(ring));
        }

        // The sign-in keys are stored as they are, on purpose: they live in a folder only the server's user may read, beside
        // the store file, or in the store's database, both of which already hold the data they guard; a key to encrypt them
        // would have to be kept in the same place. Saying so (the null encryptor) instead of leaving it unset keeps the
        // framework from warning at every first run that keys "may be persisted to storage in unencrypted form".
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlEncryptor ??= new NullXmlEncryptor());

        builder.Services.AddSingleton<FailedSignIns>();
        builder.Services.AddSingleton<Passwords>();
        builder.Services.AddWorkspaceAuthentication(settings).AddEmbedSessions(settings);
        builder.Services.AddSingleton(settings.Embed);
        builder.Services.AddSingleton<EmbedTokens>();
        builder.Services.AddCookieAntiforgery();
        builder.Services.AddAuthorizationBuilder().AddRolePolicies();
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(PerKeyLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.CallerId() ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.RequestsPerMinutePerKey, Window = TimeSpan.FromMinutes(1) }));
            options.AddPolicy(RefreshLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.WorkspaceOf().Value,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = settings.RefreshRequestInterval }));
            options.OnRejected = async (rejected, _) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var refresh = rejected.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == RefreshLimit;
                await Problems.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests", refresh
                    ? $"a workspace may ask for a refresh once every {settings.RefreshRequestInterval.TotalSeconds:0} s (the schedule refreshes too); " +
                        $"retry in {seconds} s"
                    : $"this key may make {settings.RequestsPerMinutePerKey} requests a minute; wait and retry");
            };
        });
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Description = EventDocs.Description();
            return Task.CompletedTask;
        }));
        configure?.Invoke(builder);

        var app = builder.Build();
        if (settings.LogRequests)
        {
            app.UseRequestLog();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages(Problems.WriteForStatus);
        app.UseSecurityHeaders();
        app.UseClientAssets();
        app.Use(app.Services.GetRequiredService<FailedSignIns>().Guard);
        app.UseAuthentication();
        app.UseEmbedFraming();
        app.UseCookieAntiforgery();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/healthz", () => TypedResults.Text("ok")).ExcludeFromDescription();
        app.MapGet("/readyz", async (IWorkspaceSettings ready, CancellationToken ct) =>
        {
            // Ready when the store answers a read.
            _ = await ready.GetStatusAsync(cancellationToken: ct);
            return TypedResults.Text("ready");
        }).ExcludeFromDescription();

        MapMetrics(app);

        // Each group needs the least role its routes allow (RolePolicies): a viewer reads, an analyst also runs and saves SQL,
        // an admin also manages the workspace.
        var api = app.MapGroup("/api/v1").RequireRateLimiting(PerKeyLimit);
        var timeQuery = app.Services.GetRequiredService<AnalyticsMetrics>().TimeQuery;
        var read = api.MapGroup("").RequireAuthorization(RolePolicies.For(WorkspaceRole.Viewer)).AddEndpointFilter(timeQuery);
        var analyst = api.MapGroup("").RequireAuthorization(RolePolicies.For(WorkspaceRole.Analyst)).AddEndpointFilter(timeQuery);
        var admin = api.MapGroup("").RequireAuthorization(RolePolicies.For(WorkspaceRole.Admin));
        StatusEndpoints.Map(read);
        QueryEndpoints.Map(analyst);
        TableEndpoints.Map(read);
        ReportEndpoints.Map(read);
        OverviewEndpoints.Map(read);
        DictionaryEndpoints.Map(read);
        SavedQueryEndpoints.Map(analyst);
        EventEndpoints.Map(api.MapGroup("").RequireAuthorization(RolePolicies.Ingest));
        RefreshEndpoints.Map(admin, RefreshLimit);
        BiAccessEndpoints.Map(admin);
        AccessKeyEndpoints.Map(admin);
        UserEndpoints.Map(admin);
        ShareLinkEndpoints.Map(admin);
        EmbedKeyEndpoints.Map(admin);
        SubscriptionEndpoints.Map(admin);
        AlertEndpoints.Map(analyst, admin);
        AuditEndpoints.Map(admin);
        UploadEndpoints.Map(read, admin);
        WhatsAppWebhookEndpoints.Map(app);
        PageEndpoints.Map(app);
        PasswordPages.Map(app);
        SharePages.Map(app, PerKeyLimit);
        EmbedPages.Map(app, PerKeyLimit);
        EventDocs.Map(app);
        return app;
    }

    /// <summary>How much memory kept report answers may take: many workspaces' dashboards, each answer a few kilobytes.</summary>
    private const long KeptReportsBytes = 64L << 20;

    /// <summary>
    /// The one store under each role: endpoints, handlers and services ask for the roles they use, never for a store, so
    /// the host is the same over every store. The caller owns the store and disposes of it.
    /// </summary>
    private static void AddStore(IServiceCollection services, IAnalyticsStore store)
    {
        services.AddSingleton<IEventIngest>(store);
        services.AddSingleton<ITableRefresh>(store);
        services.AddSingleton<IRefreshClaims>(store);
        services.AddSingleton<IWorkspaceSettings>(store);
        services.AddSingleton<ITenantQueries>(store);
        services.AddSingleton<IRejectionLog>(store);
        services.AddSingleton<IAccessKeys>(store);
        services.AddSingleton<IWhatsAppLines>(store);
        services.AddSingleton<ISavedQueries>(store);
        services.AddSingleton<IWorkspaceUsers>(store);
        services.AddSingleton<IShareLinks>(store);
        services.AddSingleton<ISubscriptions>(store);
        services.AddSingleton<IAlerts>(store);
        services.AddSingleton<IWorkspaceUploads>(store);
        services.AddSingleton<IAuditLog>(store);
        services.AddSingleton<IDataVersions>(store);
        if (store is IBiAccess bi)
        {
            services.AddSingleton(bi);
        }

        if (store is IEmbedKeys embed)
        {
            services.AddSingleton(embed);
        }

        if (store is IConcurrentWrites concurrent)
        {
            services.AddSingleton(concurrent);
        }
    }

    /// <summary>Request logs (<see cref="RequestLog"/>) and metrics.</summary>
    private static void AddOperations(WebApplicationBuilder builder)
    {
        // One line per request is the request log (RequestLog); the framework's own per-request lines would repeat it,
        // and they carry the query string, which holds the WhatsApp verify token in the handshake.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter(typeof(KeyAuthenticationHandler).FullName, LogLevel.Warning);
        builder.Services.AddSingleton<AnalyticsMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(AnalyticsMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
    }

    /// <summary>
    /// Prometheus text at <c>/metrics</c>, for connections from the loopback only: it holds no tenant data, but it is the
    /// whole server's, not one workspace's, so no workspace key is the right credential. A scraper on the host (or a
    /// proxy there) reads it; from elsewhere it does not exist (404).
    /// </summary>
    private static void MapMetrics(WebApplication app)
    {
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/metrics")
                && (context.Connection.RemoteIpAddress is not { } from || !IPAddress.IsLoopback(from)),
            notLoopback => notLoopback.Run(context => Problems.Write(context, StatusCodes.Status404NotFound, "Not found",
                "metrics are served to the loopback only")));
        app.MapPrometheusScrapingEndpoint("/metrics");
    }
}
