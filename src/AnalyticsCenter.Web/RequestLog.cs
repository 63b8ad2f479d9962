using System.Diagnostics;

namespace AnalyticsCenter.Web;

/// <summary>
/// The request log: one line a request, <c>GET /api/v1/status 200 4.1 ms</c>, with its method, path (never the query
/// string: the WhatsApp handshake carries its verify token there), status and duration as fields for a JSON log. It never
/// holds headers, keys or bodies.
/// </summary>
internal static partial class RequestLog
{
    /// <summary>The log category: short, since a text log prints it on every line.</summary>
    public const string Category = "request";

    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var log = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                if (log.IsEnabled(LogLevel.Information))
                {
                    var duration = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
                    Served(log, context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode, duration);
                }
            }
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} {StatusCode} {Duration} ms")]
    private static partial void Served(ILogger log, string method, string path, int statusCode, double duration);
}
