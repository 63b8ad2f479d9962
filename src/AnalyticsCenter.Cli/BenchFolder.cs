using System.CommandLine;

namespace AnalyticsCenter.Cli;

/// <summary>A benchmark's working folder: the one <c>--dir</c> names, kept, or a temporary one.</summary>
internal static class BenchFolder
{
    /// <summary><c>--dir DIR</c>: where the benchmark's files go.</summary>
    public static Option<string> DirectoryOption(string description) => new("--dir") { Description = description, HelpName = "DIR" };

    /// <summary>Runs <paramref name="run"/> in the folder named by <c>--dir</c> (kept), or in a temporary one removed afterwards.</summary>
    public static async Task<int> RunAsync(string? named, string prefix, Func<string, Task<int>> run)
    {
        var folder = named ?? System.IO.Directory.CreateTempSubdirectory(prefix).FullName;
        System.IO.Directory.CreateDirectory(folder);
        try
        {
            return await run(folder);
        }
        finally
        {
            if (named is null)
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
    }
}
