using AnalyticsCenter.Core.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AnalyticsCenter.Web;

/// <summary>Errors as RFC 7807 problem details, with a message a person can act on.</summary>
internal static class Problems
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

    /// <summary>Turns the store's typed failures into the right status and words; anything else is a 500 without internals.</summary>
    public sealed class ExceptionHandler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            var (status, title) = exception switch
            {
                QueryRefusedException => (StatusCodes.Status400BadRequest, "The query was refused"),
                QueryFailedException => (StatusCodes.Status400BadRequest, "The query could not run"),
                QueryTimedOutException => (StatusCodes.Status504GatewayTimeout, "The query took too long"),
                StoreUnavailableException => (StatusCodes.Status503ServiceUnavailable, "The store is unavailable"),
                BadHttpRequestException => (StatusCodes.Status400BadRequest, "The request is malformed"),
                _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side"),
            };
            var detail = status == StatusCodes.Status500InternalServerError ? "the error was logged; try again, and report it if it persists" : exception.Message;
            if (httpContext.Response.HasStarted)
            {
                return false;
            }

            await Write(httpContext, status, title, detail);
            return true;
        }
    }
}
