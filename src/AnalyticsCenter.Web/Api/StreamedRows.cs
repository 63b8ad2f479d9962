using System.Data.Common;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Web.Api;

/// <summary>A query's rows written straight to the response, as JSON or CSV, with the matching content type.</summary>
internal static class StreamedRows
{
    public static Task<long> WriteAsync(HttpContext context, DbDataReader reader, ResultFormat format)
    {
        context.Response.ContentType = ContentType(format);
        return ResultWriter.WriteAsync(reader, format, context.Response.Body, null, context.RequestAborted);
    }

    /// <summary>The content type of rows written as <paramref name="format"/> (JSON or CSV).</summary>
    public static string ContentType(ResultFormat format) => format == ResultFormat.Csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
}
