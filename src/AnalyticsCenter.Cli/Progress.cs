using Spectre.Console;

namespace AnalyticsCenter.Cli;

/// <summary>A progress bar on standard error for long work, shown only when standard error is a terminal.</summary>
internal static class Progress
{
    public static Task<T> ShowAsync<T>(string description, long total, Func<IProgress<long>?, Task<T>> work)
    {
        if (Console.IsErrorRedirected || total <= 0)
        {
            return work(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(context =>
            {
                var task = context.AddTask(description, maxValue: total);
                return work(new Progress<long>(done => task.Value = Math.Min(done, total)));
            });
    }

    /// <summary>A spinner with a status line while <paramref name="work"/> runs, when standard error is a terminal.</summary>
    public static Task<T> StatusAsync<T>(string description, Func<Task<T>> work)
    {
        if (Console.IsErrorRedirected)
        {
            return work();
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Status().StartAsync(description, _ => work());
    }
}
