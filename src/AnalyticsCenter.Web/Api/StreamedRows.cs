using System.Data.Common;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Web.Api;

/// <summary>A query's rows written straight to the response, as JSON or CSV, with the matching content type.</summary>
internal static class StreamedRows
{
    public static Task<long> WriteAsync(HttpContext context, DbDataReader reader, ResultFormat format, Stream? body = null)
    {
        context.Response.ContentType = format == ResultFormat.Csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        return ResultWriter.WriteAsync(reader, format, body ?? context.Response.Body, null, context.RequestAborted);
    }
}
