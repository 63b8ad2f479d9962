using System.Collections.Concurrent;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>The store's SQL, kept in .sql files embedded in the assembly (Sql/…).</summary>
internal static class SqlScripts
{
    private static readonly ConcurrentDictionary<string, string> s_cache = new(StringComparer.Ordinal);

    /// <summary>The text of <c>Sql/<paramref name="name"/></c>, e.g. <c>Refresh/InsertSessions.sql</c>.</summary>
    public static string Get(string name) => s_cache.GetOrAdd(name, static n =>
    {
        using var stream = typeof(SqlScripts).Assembly.GetManifestResourceStream(n)
            ?? throw new InvalidOperationException($"embedded SQL script {n} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
