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
                    var path = Logged(context.Request.Path);
                    Served(log, context.Request.Method, path, context.Response.StatusCode, duration);
                }
            }
        });
    }

    /// <summary>
    /// The path as logged: the secret of a password or share link (<c>/password/TOKEN</c>, <c>/share/TOKEN/rows</c>) is
    /// replaced, since a log line must not open what the link opens.
    /// </summary>
    private static string Logged(PathString path)
    {
        var text = path.Value ?? "/";
        foreach (var prefix in (string[])["/password/", "/share/"])
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                var end = text.IndexOf('/', prefix.Length);
                return prefix + "…" + (end < 0 ? "" : text[end..]);
            }
        }

        return text;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} {StatusCode} {Duration} ms")]
    private static partial void Served(ILogger log, string method, string path, int statusCode, double duration);
}
