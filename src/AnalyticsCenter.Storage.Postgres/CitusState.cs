namespace AnalyticsCenter.Storage.Postgres;

/// <summary>What a store's database is to Citus.</summary>
internal enum CitusState
{
    /// <summary>No <c>citus</c> extension: a single PostgreSQL server.</summary>
    Absent,

    /// <summary>A Citus coordinator, with the store's tables still on it alone (<c>analytics store distribute</c> spreads them).</summary>
    Plain,

    /// <summary>A Citus coordinator with the store's tables distributed by workspace.</summary>
    Distributed,
}
