using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// A request's JSON body as one object, read here rather than bound by the framework so that every way it can be wrong
/// gets problem details saying what and where: its size is checked before any of it is parsed
/// (<see cref="WebHostSettings.MaxJsonBodyBytes"/>), then a parse error is told with its line, offset and property. The
/// route's <c>Accepts</c> metadata has already refused any other content type (415).
/// </summary>
internal static class JsonBody
{
    private const string NotConverted = "The JSON value could not be converted to ";

    /// <summary>The body as <typeparamref name="T"/>, or (null, the answer to send) when it cannot be.</summary>
    /// <param name="context">The request.</param>
    /// <param name="example">A body that would do, for the messages: <c>{"sql": "SELECT …"}</c>.</param>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpContext context, string example)
        where T : class
    {
        var limit = context.RequestServices.GetRequiredService<WebHostSettings>().MaxJsonBodyBytes;
        using var body = await RequestBody.ReadAtMostAsync(context.Request, limit, context.RequestAborted);
        if (body is null)
        {
            return (null, Problems.Result(StatusCodes.Status413PayloadTooLarge, "The body is too large",
                $"send at most {limit.ToString("N0", CultureInfo.InvariantCulture)} bytes of JSON"));
        }

        if (body.Length == 0)
        {
            return (null, Malformed($"the body is empty; send {example}"));
        }

        var options = context.RequestServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        try
        {
            return JsonSerializer.Deserialize<T>(body, options) is { } value
                ? (value, null)
                : (null, Malformed($"the body must be a JSON object such as {example}, not null"));
        }
        catch (JsonException ex)
        {
            return (null, Malformed(Explain<T>(ex, options, example)));
        }
    }

    private static IResult Malformed(string detail) => Problems.Result(StatusCodes.Status400BadRequest, "The body is malformed", detail);

    /// <summary>What is wrong, in words, and where: the parser's reason (or the property's expected type), its line and position.</summary>
    private static string Explain<T>(JsonException ex, JsonSerializerOptions options, string example)
    {
        var where = ex.LineNumber is { } line && ex.BytePositionInLine is { } position
            ? $" (line {line + 1}, byte offset {position})"
            : "";
        var name = ex.Path?.StartsWith("$.", StringComparison.Ordinal) == true ? ex.Path[2..] : null;
        var reason = ex.Message;
        if (reason.StartsWith(NotConverted, StringComparison.Ordinal))
        {
            var property = options.GetTypeInfo(typeof(T)).Properties.FirstOrDefault(p => p.Name == name);
            return property is null
                ? $"the body must be a JSON object such as {example}{where}"
                : $"\"{property.Name}\" must be {Kind(property.PropertyType)}{where}";
        }

        // The parser's message ends with its own zero-based "Path: … | LineNumber: … | BytePositionInLine: …", said above.
        var cut = reason.IndexOf(" Path: ", StringComparison.Ordinal);
        cut = cut >= 0 ? cut : reason.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return $"the body is not valid JSON{(name is null ? "" : $" in \"{name}\"")}{where}: {(cut >= 0 ? reason[..cut] : reason)}";
    }

    private static string Kind(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(string) => "a string",
            var t when t == typeof(bool) => "true or false",
            var t when t.IsPrimitive || t == typeof(decimal) => "a number",
            _ => "an object",
        };
}
