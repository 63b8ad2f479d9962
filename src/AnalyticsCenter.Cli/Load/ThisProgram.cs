using System.Diagnostics;

namespace AnalyticsCenter.Cli.Load;

/// <summary>This very program started again as a child process, as a user would start another <c>analytics</c>.</summary>
internal static class ThisProgram
{
    /// <summary>How to start <c>analytics ARGUMENTS...</c>, output redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var program = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program is running");
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };

        // Run through `dotnet analytics.dll` when that is how this process was started.
        if (Path.GetFileNameWithoutExtension(program) == "dotnet")
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "analytics.dll"));
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
