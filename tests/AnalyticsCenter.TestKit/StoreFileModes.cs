using System.Runtime.InteropServices;

namespace AnalyticsCenter.TestKit;

/// <summary>The modes of a store's files, and the process's file-mode creation mask (umask), which child processes inherit.</summary>
public static partial class StoreFileModes
{
    /// <summary>022: new files readable by everyone, the usual default.</summary>
    public const uint PermissiveUmask = 0b000_010_010;

    /// <summary>0644: a file as a store created under umask 022 used to be.</summary>
    public const UnixFileMode Shared = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>0755: a folder as a store created under umask 022 used to be.</summary>
    public const UnixFileMode SharedFolder = Shared | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Sets the process's umask; returns the one it replaces.</summary>
    public static uint SetUmask(uint mask) => Umask(mask);

    /// <summary>The store file and everything beside it named after it (log, spill, export and key folders with their contents).</summary>
    public static IReadOnlyList<FileSystemInfo> Entries(string database)
    {
        var folder = new DirectoryInfo(Path.GetDirectoryName(database)!);
        return folder.EnumerateFileSystemInfos(Path.GetFileName(database) + "*")
            .SelectMany(entry => entry is DirectoryInfo d ? [d, .. d.EnumerateFileSystemInfos("*", SearchOption.AllDirectories)] : new[] { entry })
            .ToList();
    }

    /// <summary>Whether <paramref name="entry"/> is its owner's alone: a file 0600, a folder 0700.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static bool IsPrivate(FileSystemInfo entry) =>
        entry.UnixFileMode == (entry is DirectoryInfo
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            : UnixFileMode.UserRead | UnixFileMode.UserWrite);

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
