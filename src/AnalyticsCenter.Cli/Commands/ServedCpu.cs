using AnalyticsCenter.Cli.Load;
using AnalyticsCenter.Storage.Postgres;

namespace AnalyticsCenter.Cli.Commands;

/// <summary>
/// CPU time the answering side of a benchmark has used: the <c>serve</c> child's and, when the store is a PostgreSQL server
/// on this machine, the database server's (every backend and worker).
/// </summary>
internal sealed class ServedCpu(ServerProcess server, PostgresBenchDatabase? database)
{
    public ServerProcess Server => server;

    /// <summary>Whether the database server's CPU is counted too.</summary>
    public bool HasDatabase => database?.ServerCpu() is not null;

    /// <summary>Both processes' CPU time so far.</summary>
    /// <exception cref="InvalidOperationException">The serve child has exited.</exception>
    public (TimeSpan Serve, TimeSpan? Database) Now() =>
        (server.Cpu() ?? throw new InvalidOperationException("the serve process exited during the benchmark"), database?.ServerCpu());

    /// <summary>Both processes' CPU time since <paramref name="start"/>, a reading of <see cref="Now"/>.</summary>
    public (TimeSpan Serve, TimeSpan? Database) Since((TimeSpan Serve, TimeSpan? Database) start)
    {
        var now = Now();
        return (now.Serve - start.Serve, now.Database - start.Database);
    }
}
