using System.Diagnostics;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>Runs the real <c>analytics</c> program as a child process, as a user or a script would.</summary>
internal static class Analytics
{
    private static readonly string s_program = Path.Combine(AppContext.BaseDirectory, "analytics.dll");

    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(string workingDirectory, params string[] args) => RunWith(workingDirectory, null, null, args);

    public static Result RunWith(string workingDirectory, string? stdin, IDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"analytics {string.Join(' ', args)} did not finish in 3 minutes");
        }

        return new Result(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    public static Process Start(string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(s_program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ANALYTICS_DB");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start analytics");
    }
}
