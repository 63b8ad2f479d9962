using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// DuckDB's memory limit, which every connection to the open database shares, and the configuration lock that ends
/// all changes to it. Every reader locks the configuration before its first statement, and tenant SQL runs only on
/// readers, so tenant SQL never runs unlocked. Until the first read, a file ingest runs under a lower limit of its own.
/// </summary>
internal sealed class MemoryLimits(string? general, string? ingest)
{
    private readonly Lock _gate = new();
    private bool _locked;

    /// <summary>Sets the general limit as the store opens, after trying the ingest limit, so that a bad one fails the open.</summary>
    public void Apply(DuckDBConnection connection)
    {
        TrySet(connection, ingest);
        TrySet(connection, general);
    }

    /// <summary>
    /// Runs <paramref name="write"/> under the ingest limit, then puts the general one back; once the configuration is
    /// locked, under the general one.
    /// </summary>
    public T WhileIngesting<T>(DuckDBConnection writer, Func<T> write)
    {
        if (ingest is null || !TrySet(writer, ingest))
        {
            return write();
        }

        try
        {
            return write();
        }
        finally
        {
            TrySet(writer, general);
        }
    }

    /// <summary>Puts the general limit back and locks the configuration for good; once locked, does nothing.</summary>
    public void Lock(DuckDBConnection connection)
    {
        lock (_gate)
        {
            if (!_locked)
            {
                Set(connection, general);
                connection.Execute("SET lock_configuration = true");
                _locked = true;
            }
        }
    }

    /// <summary>Sets <paramref name="limit"/> unless the configuration is locked; returns whether it did.</summary>
    private bool TrySet(DuckDBConnection connection, string? limit)
    {
        lock (_gate)
        {
            if (!_locked)
            {
                Set(connection, limit);
            }

            return !_locked;
        }
    }

    /// <summary>Sets DuckDB's memory limit for the whole database; null puts back DuckDB's own default.</summary>
    public static void Set(DuckDBConnection connection, string? limit) =>
        connection.Execute(limit is null ? "RESET memory_limit" : $"SET memory_limit = '{DuckDbCommands.Quote(limit)}'");
}
