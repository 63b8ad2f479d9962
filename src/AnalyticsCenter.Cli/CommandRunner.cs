using System.CommandLine;
using AnalyticsCenter.Cli.Stores;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Cli;

/// <summary>Runs a command's body, turning the failures a person can act on into messages and exit codes.</summary>
internal static class CommandRunner
{
    public static async Task<int> Run(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (QueryRefusedException ex)
        {
            return Fail($"refused: {ex.Message}", ExitCodes.Usage);
        }
        catch (QueryFailedException ex)
        {
            return Fail(ex.Message, ExitCodes.Usage);
        }
        catch (QueryTimedOutException ex)
        {
            return Fail(ex.Message, ExitCodes.Failure);
        }
        catch (StoreUnavailableException ex)
        {
            return Fail(ex.Message, ExitCodes.Failure);
        }
        catch (UsageException ex)
        {
            return Fail(ex.Message, ExitCodes.Usage);
        }
        catch (Core.Uploads.UploadRejectedException ex)
        {
            return Fail($"upload refused, nothing stored: {ex.Message}", ExitCodes.Failure);
        }
        catch (OperationCanceledException)
        {
            return Fail("cancelled; what was committed before stays", ExitCodes.Failure);
        }
        catch (IOException ex)
        {
            return Fail(ex.Message, ExitCodes.Failure);
        }
        catch (UnauthorizedAccessException ex)
        {
            return Fail(ex.Message, ExitCodes.Failure);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException))
        {
            // Anything else is a failure of this program or the database, not of the input: say it in one line;
            // ANALYTICS_DEBUG=1 shows the whole trace for a bug report.
            var detail = Environment.GetEnvironmentVariable("ANALYTICS_DEBUG") == "1" ? ex.ToString() : $"{ex.GetType().Name}: {ex.Message}";
            return Fail($"unexpected failure, nothing more was committed: {detail}", ExitCodes.Failure);
        }
    }

    public static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine($"error: {message}");
        return exitCode;
    }

    /// <summary>Opens the store the command's <c>--db</c> names.</summary>
    /// <exception cref="UsageException">It names no store this program supports.</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be opened.</exception>
    public static Task<IAnalyticsStore> OpenStoreAsync(ParseResult parse, StoreOpenOptions? options, TimeProvider? time, CancellationToken ct) =>
        StoreFactory.OpenAsync(CliOptions.Target(parse), options ?? new StoreOpenOptions(), time ?? TimeProvider.System, ct);
}
