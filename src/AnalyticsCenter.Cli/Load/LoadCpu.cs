namespace AnalyticsCenter.Cli.Load;

/// <summary>
/// The CPU time each party of a load run used while it ran: the <c>serve</c> process, this process's clients, and the
/// PostgreSQL server (null when it is not on this machine or the store is a file the <c>serve</c> process writes itself).
/// On a shared machine the wall time is mostly waiting for a core; these say what the work cost.
/// </summary>
internal sealed record LoadCpu(TimeSpan? Serve, TimeSpan Clients, TimeSpan? Database)
{
    /// <summary>For the report: each party's CPU-s, and the microseconds of CPU an event cost the serve process and the database.</summary>
    public string Describe(long events)
    {
        var serve = Serve is { } s ? $"{s.TotalSeconds:0.00} CPU-s" : "unknown";
        var database = Database is { } d ? $"{d.TotalSeconds:0.00} CPU-s" : "none apart (a file store) or not on this machine";
        var perEvent = events > 0 && Serve + (Database ?? TimeSpan.Zero) is { } both
            ? $"; serve and database {both.TotalMicroseconds / events:N1} µs an event"
            : "";
        return $"serve {serve}, clients {Clients.TotalSeconds:0.00} CPU-s, database server {database}{perEvent}";
    }
}
