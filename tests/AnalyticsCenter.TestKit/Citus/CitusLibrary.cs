using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.TestKit.Citus;

/// <summary>Whether Citus is installed beside the PostgreSQL programs the tests run (<see cref="PostgresBinaries"/>).</summary>
internal static class CitusLibrary
{
    /// <summary>The library's path, or null with <paramref name="missing"/> saying what is absent and how to install it.</summary>
    public static string? Find(out string missing)
    {
        if (PostgresBinaries.Find(out missing) is not { } binaries)
        {
            return null;
        }

        // Debian's layout: bin/ and lib/ side by side under /usr/lib/postgresql/15.
        var library = Path.GetFullPath(Path.Combine(binaries.Folder, "..", "lib", "citus.so"));
        if (!File.Exists(library))
        {
            missing = $"Citus is not installed: {library} not found. Build it from the vendored source with scripts/install-citus.sh "
                + "(./test.sh runs it).";
            return null;
        }

        return library;
    }
}
