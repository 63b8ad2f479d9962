using System.Runtime.InteropServices;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// The store's files are its owner's alone, as PostgreSQL keeps its data directory: files 0600, folders 0700. They hold
/// every workspace's rows, phone numbers and key hashes. On Windows, where there are no such modes, nothing changes.
/// </summary>
public static partial class PrivateFiles
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderMode = FileMode | UnixFileMode.UserExecute;

    /// <summary>What the process's file-mode creation mask takes away from every file it creates from now on: group and others.</summary>
    private const uint GroupAndOthers = 0b000_111_111;

    /// <summary>
    /// Takes group and other access away from every file and folder the process creates from now on (the umask, as
    /// PostgreSQL's server sets it): DuckDB creates the store's write-ahead log anew after every checkpoint, and spill files
    /// as it needs them, beyond the reach of a per-file mode.
    /// </summary>
    public static void KeepNewFilesPrivate()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // umask both sets and returns the mask: read the current one by setting it, then add to it.
        var current = Umask(GroupAndOthers);
        _ = Umask(current | GroupAndOthers);
    }

    /// <summary>Makes an existing file 0600 or folder 0700 (one created before the store kept them private); a missing one is left missing.</summary>
    public static void Tighten(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (Directory.Exists(path))
        {
            File.SetUnixFileMode(path, FolderMode);
        }
        else if (File.Exists(path))
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
