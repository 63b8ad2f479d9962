using System.Diagnostics;

namespace AnalyticsCenter.Cli;

/// <summary>
/// While <c>analytics serve</c> holds a store, a small file beside it names the server's address, so that other
/// commands, which DuckDB keeps out of the file, can say where to go instead.
/// </summary>
internal static class ServerMarker
{
    private static string PathFor(string database) => Path.GetFullPath(database) + ".server";

    public static void Write(string database, string urls)
    {
        File.WriteAllLines(PathFor(database), [Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), urls]);

        // Rewriting a marker left from before keeps its mode.
        Storage.DuckDb.PrivateFiles.Tighten(PathFor(database));
    }

    public static void Remove(string database) => File.Delete(PathFor(database));

    /// <summary>The process and address of a live server holding <paramref name="database"/>, if one is.</summary>
    public static (int ProcessId, string Urls)? LiveServer(string database)
    {
        try
        {
            var lines = File.ReadAllLines(PathFor(database));
            if (lines.Length == 2 && int.TryParse(lines[0], out var pid))
            {
                using var process = Process.GetProcessById(pid);
                return process.HasExited ? null : (pid, lines[1]);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            // No marker, or its process is gone: nobody to point at.
        }

        return null;
    }
}
