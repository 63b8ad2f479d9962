using System.Collections.Concurrent;
using System.Reflection;

namespace AnalyticsCenter.Core.Text;

/// <summary>Text files embedded in an assembly (SQL, mostly), read once and kept.</summary>
public static class EmbeddedText
{
    private static readonly ConcurrentDictionary<(Assembly, string), string> s_cache = new();

    /// <summary>The resource <paramref name="name"/> of <paramref name="assembly"/>, e.g. <c>Sql/browse-sessions.sql</c>.</summary>
    public static string Read(Assembly assembly, string name) => s_cache.GetOrAdd((assembly, name), static key =>
    {
        using var stream = key.Item1.GetManifestResourceStream(key.Item2)
            ?? throw new InvalidOperationException($"{key.Item2} is missing from {key.Item1.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
