using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>The store's SQL, kept in .sql files embedded in the assembly (Sql/…).</summary>
internal static class SqlScripts
{
    /// <summary>The text of <c>Sql/<paramref name="name"/></c>, e.g. <c>Refresh/InsertSessions.sql</c>.</summary>
    public static string Get(string name) => EmbeddedText.Read(typeof(SqlScripts).Assembly, name);
}
