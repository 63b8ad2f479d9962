using System.CommandLine;
using AnalyticsCenter.Cli;
using AnalyticsCenter.Cli.Commands;
using AnalyticsCenter.Storage.DuckDb;

var time = TimeProvider.System;

// Everything the program writes (stores, generated events, benchmarks' folders) holds people's messages and numbers.
PrivateFiles.KeepNewFilesPrivate();

// Spectre assumes 80 columns when output goes to a file or a pipe; grids there should not wrap.
if (Console.IsOutputRedirected)
{
    Spectre.Console.AnsiConsole.Profile.Width = 240;
}

var root = new RootCommand("analytics: the Analytics Center's sessions and deployments tables from conversation-platform events")
{
    CliOptions.Database,
    IngestCommand.Create(time),
    RefreshCommand.Create(time),
    QueryCommand.Create(),
    RejectsCommand.Create(),
    WorkspaceCommand.Create(),
    KeysCommand.Create(),
    UsersCommand.Create(),
    EmbedCommand.Create(),
    SubscriptionsCommand.Create(),
    AlertsCommand.Create(),
    AuditCommand.Create(time),
    LinesCommand.Create(),
    BiAccessCommand.Create(),
    TablesCommand.Create(),
    StatusCommand.Create(time),
    StoreCommand.Create(),
    DemoCommand.Create(time),
    BenchCommand.Create(time),
    ServeCommand.Create(time),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    foreach (var hint in TypoHints.For(parsed))
    {
        Console.Error.WriteLine(hint);
    }

    Console.Error.WriteLine("see analytics --help");
    return ExitCodes.Usage;
}

// On SIGTERM or Ctrl+C a command's token is cancelled and it is given time to finish: serve drains in-flight ingests
// within the host's 30-second shutdown timeout (the library's own default, 2 s, would cut that short).
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(40) });
