namespace AnalyticsCenter.Web.Api;

/// <summary>A request's body read whole, up to a limit, so that an oversized one is refused before it fills memory.</summary>
internal static class RequestBody
{
    /// <summary>The body, rewound, or null when it is (or says it is) longer than <paramref name="limit"/>.</summary>
    public static async Task<MemoryStream?> ReadAtMostAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > limit)
            {
                await body.DisposeAsync();
                return null;
            }

            await body.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        body.Position = 0;
        return body;
    }
}
