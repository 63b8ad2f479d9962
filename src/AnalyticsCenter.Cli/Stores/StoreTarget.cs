using System.Text.RegularExpressions;

namespace AnalyticsCenter.Cli.Stores;

/// <summary>
/// Which store <c>--db</c> (or ANALYTICS_DB) names: a DuckDB file, or a PostgreSQL database. Made only by
/// <see cref="Parse"/>, so a target is always one the program can open; its text never shows a password.
/// </summary>
internal sealed partial class StoreTarget
{
    private StoreTarget(string? filePath, string? connectionString, string description)
    {
        FilePath = filePath;
        ConnectionString = connectionString;
        Description = description;
    }

    /// <summary>The DuckDB file, as given; null for a PostgreSQL target.</summary>
    public string? FilePath { get; }

    /// <summary>The Npgsql connection string, password included; null for a DuckDB file.</summary>
    public string? ConnectionString { get; }

    /// <summary>Which store, in words, without the password.</summary>
    public string Description { get; }

    /// <summary>A DuckDB file at <paramref name="path"/>.</summary>
    public static StoreTarget File(string path) => new(path, null, $"DuckDB file {Path.GetFullPath(path)}");

    /// <summary>
    /// A PostgreSQL URL (<c>postgresql://</c>, <c>postgres://</c>) or Npgsql's <c>Host=…;</c> form is a PostgreSQL target;
    /// anything else that looks like a URL is refused; the rest is a DuckDB file path.
    /// </summary>
    /// <param name="text">The value given.</param>
    /// <param name="origin">Where it was given (<c>--db</c>, <c>ANALYTICS_DB</c>), named in the refusal.</param>
    /// <exception cref="UsageException">Not a store this program supports, or a PostgreSQL target it cannot read, said in words.</exception>
    public static StoreTarget Parse(string text, string origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (UrlScheme().Match(text) is { Success: true } url)
        {
            var scheme = url.Groups[1].Value;
            if (!PostgresConnectionText.IsUrlScheme(scheme))
            {
                throw new UsageException(
                    $"{origin}: {scheme}://… is not a store this program supports; give a DuckDB file path or a postgresql:// URL");
            }

            return Postgres(PostgresConnectionText.FromUrl(text, origin));
        }

        return PostgresConnectionText.IsKeywordForm(text) ? Postgres(PostgresConnectionText.FromKeywords(text, origin)) : File(text);
    }

    private static StoreTarget Postgres(Npgsql.NpgsqlConnectionStringBuilder builder) =>
        new(null, builder.ConnectionString, "PostgreSQL " + PostgresConnectionText.Describe(builder));

    public override string ToString() => Description;

    /// <summary>A scheme and <c>://</c>: what a URL begins with, and a path never does (<c>C:\</c>, <c>a:b.duckdb</c> have no <c>//</c>).</summary>
    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial Regex UrlScheme();
}
