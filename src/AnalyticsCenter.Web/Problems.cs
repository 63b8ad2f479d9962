using System.Diagnostics;
using AnalyticsCenter.Core.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace AnalyticsCenter.Web;

/// <summary>Errors as RFC 7807 problem details, with a message a person can act on.</summary>
internal static partial class Problems
{
    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    public static IResult Result(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    /// <summary>
    /// Problem details for an error the framework answers without a body: no such route, method or content type. Every
    /// error the server sends then says what was wrong.
    /// </summary>
    public static Task WriteForStatus(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var (title, detail) = status switch
        {
            StatusCodes.Status404NotFound => ("Not found", $"nothing is served at {http.Request.Path}; the API's routes are in /openapi/v1.json"),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed",
                $"{http.Request.Path} does not take {http.Request.Method}; the API's routes are in /openapi/v1.json"),
            StatusCodes.Status415UnsupportedMediaType => ("The body is not JSON", "send the body as JSON, with Content-Type: application/json"),
            _ => (ReasonPhrases.GetReasonPhrase(status), "what each route takes is in /openapi/v1.json"),
        };
        return Write(http, status, title, detail);
    }

    /// <summary>
    /// Turns the store's typed failures into the right status and words; anything else is a 500 without internals, logged
    /// once with its exception and the trace id the answer gives the client, so that a report of it can be found.
    /// </summary>
    public sealed partial class ExceptionHandler(ILogger<ExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            var (status, title) = exception switch
            {
                QueryRefusedException => (StatusCodes.Status400BadRequest, "The query was refused"),
                QueryFailedException => (StatusCodes.Status400BadRequest, "The query could not run"),
                QueryTimedOutException => (StatusCodes.Status504GatewayTimeout, "The query took too long"),
                StoreUnavailableException => (StatusCodes.Status503ServiceUnavailable, "The store is unavailable"),
                BadHttpRequestException bad => (bad.StatusCode, "The request is malformed"),
                AntiforgeryValidationException => (StatusCodes.Status400BadRequest, "The form is malformed"),
                _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side"),
            };
            if (httpContext.Response.HasStarted)
            {
                // The framework logs what it cannot answer.
                return false;
            }

            if (exception is StoreUnavailableException)
            {
                // Nothing of the request was stored: a client may send it again once the store is back.
                httpContext.Response.Headers.RetryAfter = "5";
            }

            // The id ASP.NET Core's problem details writer puts in the answer (its trace_id).
            var traceId = Activity.Current?.Id ?? httpContext.TraceIdentifier;
            // A store's message may begin as the title does ("the query could not run: …"): said once is enough.
            var detail = exception.Message.StartsWith(title + ": ", StringComparison.OrdinalIgnoreCase)
                ? exception.Message[(title.Length + 2)..]
                : exception.Message;
            if (status == StatusCodes.Status500InternalServerError)
            {
                detail = $"the error was logged with trace id {traceId}; try again, and report it with that id if it persists";
                Unhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path, traceId);
            }

            await Write(httpContext, status, title, detail);
            return true;
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "unhandled exception answering {Method} {Path} with 500, trace id {TraceId}")]
        private static partial void Unhandled(ILogger logger, Exception exception, string method, PathString path, string traceId);
    }
}
