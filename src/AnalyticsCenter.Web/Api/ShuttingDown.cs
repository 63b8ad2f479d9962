namespace AnalyticsCenter.Web.Api;

/// <summary>
/// Once the host is stopping (SIGTERM), writes are refused with 503 and Retry-After, while those already queued or
/// in flight are carried to their commit and answered before the process exits.
/// </summary>
internal static class ShuttingDown
{
    public static bool Refuses(HttpContext context) =>
        context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;

    public static Task Write(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "5";
        return Problems.Write(context, StatusCodes.Status503ServiceUnavailable, "The server is shutting down",
            "it is finishing the writes already under way and takes no new ones; retry in a few seconds");
    }
}
