using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Web.Api;

/// <summary>The web tab's own tenant SQL (overview, table pages and filters), one embedded file per store dialect under Sql/DIALECT/.</summary>
internal static class WebSql
{
    public static string Read(SqlDialect dialect, string file) => EmbeddedText.Read(typeof(WebSql).Assembly, $"Sql/{dialect}/{file}");
}
