using System.Globalization;
using Npgsql;

namespace AnalyticsCenter.Cli.Stores;

/// <summary>
/// Reads the two ways a PostgreSQL database is named: a URL as libpq writes it
/// (<c>postgresql://user:password@host:port/database?sslmode=require</c>, parts percent-encoded) and Npgsql's own
/// <c>Host=…;Database=…</c>. Both become an Npgsql connection string; anything unclear is refused in words.
/// </summary>
internal static class PostgresConnectionText
{
    private const int DefaultPort = 5432;

    /// <summary>The URL's query parameters this program passes on, by their libpq names.</summary>
    private static readonly Dictionary<string, Action<NpgsqlConnectionStringBuilder, string>> s_parameters = new(StringComparer.Ordinal)
    {
        ["sslmode"] = (b, v) => b.SslMode = Enum.TryParse<SslMode>(v.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var mode)
            && !int.TryParse(v, out _)
                ? mode
                : throw new FormatException($"sslmode must be disable, allow, prefer, require, verify-ca or verify-full, not \"{v}\""),
        ["sslrootcert"] = (b, v) => b.RootCertificate = v,
        ["sslcert"] = (b, v) => b.SslCertificate = v,
        ["sslkey"] = (b, v) => b.SslKey = v,
        ["application_name"] = (b, v) => b.ApplicationName = v,
        ["connect_timeout"] = (b, v) => b.Timeout = int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new FormatException($"connect_timeout must be a number of seconds, not \"{v}\""),
    };

    public static bool IsUrlScheme(string scheme) =>
        scheme.Equals("postgresql", StringComparison.OrdinalIgnoreCase) || scheme.Equals("postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Npgsql's form: <c>key=value</c> pairs separated by <c>;</c>, one of them the host.</summary>
    public static bool IsKeywordForm(string text) =>
        text.Contains('=', StringComparison.Ordinal)
        && text.Split(';').Any(part => part.Split('=', 2)[0].Trim() is var key
            && (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase)));

    /// <exception cref="UsageException">A URL this program cannot read, or one naming no database.</exception>
    public static NpgsqlConnectionStringBuilder FromUrl(string url, string origin)
    {
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        if (rest.Contains('#', StringComparison.Ordinal))
        {
            throw Refused(origin, "a PostgreSQL URL has no #fragment (percent-encode a # in the password as %23)");
        }

        var queryAt = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryAt < 0 ? "" : rest[(queryAt + 1)..];
        rest = queryAt < 0 ? rest : rest[..queryAt];
        var pathAt = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = pathAt < 0 ? rest : rest[..pathAt];
        var database = pathAt < 0 ? "" : Decode(rest[(pathAt + 1)..]);
        if (database.Length == 0)
        {
            throw Refused(origin, "the PostgreSQL URL names no database: end it with /DATABASE (postgresql://user@host:5432/analytics)");
        }

        var builder = new NpgsqlConnectionStringBuilder { Database = database };
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = NullIfEmpty(Decode(colon < 0 ? userInfo : userInfo[..colon]));
            builder.Password = colon < 0 ? null : Decode(userInfo[(colon + 1)..]);
        }

        (builder.Host, builder.Port) = HostAndPort(authority[(at + 1)..], origin);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = pair.Split('=', 2) is [var n, var v] ? (Decode(n), Decode(v)) : (pair, "");
            if (!s_parameters.TryGetValue(name, out var set))
            {
                throw Refused(origin, $"the PostgreSQL URL's parameter \"{name}\" is not one this program passes on " +
                    $"(it knows {string.Join(", ", s_parameters.Keys)})");
            }

            try
            {
                set(builder, value);
            }
            catch (FormatException ex)
            {
                throw Refused(origin, ex.Message);
            }
        }

        return builder;
    }

    /// <exception cref="UsageException">Not a connection string Npgsql reads, or one naming no host or database.</exception>
    public static NpgsqlConnectionStringBuilder FromKeywords(string text, string origin)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            // Npgsql's message names the keyword or value it could not read, never the rest of the text.
            throw Refused(origin, $"not a PostgreSQL connection string: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
        {
            throw Refused(origin, "a PostgreSQL connection string needs Host= and Database=");
        }

        return builder;
    }

    /// <summary><c>user@host:port/database</c>, never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        var host = builder.Host is { } h && h.Contains(':', StringComparison.Ordinal) ? $"[{h}]" : builder.Host;
        var user = string.IsNullOrEmpty(builder.Username) ? "" : builder.Username + "@";
        return $"{user}{host}:{builder.Port}/{builder.Database}";
    }

    private static (string Host, int Port) HostAndPort(string text, string origin)
    {
        string host, port;
        if (text.StartsWith('['))
        {
            // An IPv6 address, bracketed as in any URL: [::1]:5432.
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                throw Refused(origin, "the PostgreSQL URL's IPv6 host must be written [address] or [address]:port");
            }

            (host, port) = (text[1..close], close + 1 < text.Length ? text[(close + 2)..] : "");
        }
        else if (text.Contains(',', StringComparison.Ordinal))
        {
            throw Refused(origin, "the PostgreSQL URL names several hosts; give one");
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && text.IndexOf(':', colon + 1) >= 0)
            {
                throw Refused(origin, "an IPv6 host in a PostgreSQL URL is written in brackets: postgresql://user@[::1]:5432/analytics");
            }

            (host, port) = colon < 0 ? (text, "") : (text[..colon], text[(colon + 1)..]);
        }

        host = Decode(host);
        if (host.Length == 0)
        {
            throw Refused(origin, "the PostgreSQL URL names no host: postgresql://user@HOST:5432/analytics");
        }

        if (port.Length == 0)
        {
            return (host, DefaultPort);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535
            ? (host, number)
            : throw Refused(origin, $"the PostgreSQL URL's port must be a number from 1 to 65535, not \"{port}\"");
    }

    /// <summary>Percent-decoded; a malformed escape stays as written, as libpq keeps it.</summary>
    private static string Decode(string text) => Uri.UnescapeDataString(text);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static UsageException Refused(string origin, string why) => new($"{origin}: {why}");
}
