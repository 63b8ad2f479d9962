using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Storage.DuckDb;

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

    /// <summary>Opens the store the command names.</summary>
    public static DuckDbStore OpenStore(string path, bool readOnly = false, TimeProvider? time = null) =>
        OpenStore(path, new DuckDbStoreOptions { ReadOnly = readOnly }, time);

    /// <summary>Opens the store with <paramref name="options"/>; when a server holds it, says which and where.</summary>
    public static DuckDbStore OpenStore(string path, DuckDbStoreOptions options, TimeProvider? time = null)
    {
        try
        {
            return DuckDbStore.Open(path, options, time);
        }
        catch (StoreUnavailableException ex) when (ServerMarker.LiveServer(path) is { } server)
        {
            throw new StoreUnavailableException(
                $"{ex.Message}. It is the server at {server}: use its API (analytics query --server {server} --key KEY ...) or stop it", ex);
        }
    }
}
