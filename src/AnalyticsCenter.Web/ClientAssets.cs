using Microsoft.Extensions.FileProviders;

namespace AnalyticsCenter.Web;

/// <summary>
/// The web tab's scripts and styles under <c>/assets</c>: bundled from <c>client/</c> at build time and embedded in this
/// assembly (flat names, <c>assets.NAME</c>), so the host serves them wherever it runs, with no CDN and no files beside it.
/// </summary>
internal static class ClientAssets
{
    public const string RequestPath = "/assets";

    public static IApplicationBuilder UseClientAssets(this IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        FileProvider = new EmbeddedFileProvider(typeof(ClientAssets).Assembly, "assets"),
        RequestPath = RequestPath,
        // Revalidate each time: the names carry no version, and a rebuilt app must not run yesterday's scripts.
        OnPrepareResponse = asset => asset.Context.Response.Headers.CacheControl = "no-cache",
    });
}
