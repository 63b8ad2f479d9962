using System.Globalization;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// The CPU time a PostgreSQL server on this machine has used, read from Linux's /proc: its postmaster's own and that of
/// the children it has reaped (backends that exited), plus every live child's (backends, parallel workers, the writers).
/// A server elsewhere, or a system without /proc, has no figure.
/// </summary>
internal sealed class ServerProcesses(int postmaster)
{
    /// <summary>Linux's USER_HZ, the unit of /proc's CPU times: 100 on every architecture .NET runs on.</summary>
    private const long ClockTicksPerSecond = 100;

    /// <summary>The server <paramref name="backend"/> (a backend's process id) belongs to, or null when its process is not visible here.</summary>
    public static ServerProcesses? Of(int backend) =>
        Stat(backend) is { } stat ? new ServerProcesses(int.Parse(stat[1], CultureInfo.InvariantCulture)) : null;

    /// <summary>CPU time used so far, user and system; null once the server is gone.</summary>
    public TimeSpan? Cpu()
    {
        if (Stat(postmaster) is not { } own)
        {
            return null;
        }

        // stat(5), counted from the state: utime, stime, cutime, cstime are fields 11 to 14, the parent's id field 1.
        var ticks = Ticks(own, 11) + Ticks(own, 12) + Ticks(own, 13) + Ticks(own, 14);
        var parent = postmaster.ToString(CultureInfo.InvariantCulture);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } child && child[1] == parent)
            {
                ticks += Ticks(child, 11) + Ticks(child, 12);
            }
        }

        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    private static long Ticks(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);

    /// <summary>The fields of /proc/PID/stat after the command name (state first), or null when there is no such process.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
