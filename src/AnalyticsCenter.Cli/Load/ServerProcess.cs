using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AnalyticsCenter.Cli.Load;

/// <summary>
/// <c>analytics serve</c> as a child process of this very program, on a free loopback port: what the load benchmark
/// aims at, so the server's memory and speed are its own.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri url) => (_process, Url) = (process, url);

    public Uri Url { get; }

    /// <summary>Starts <c>analytics --db DATABASE serve --urls http://127.0.0.1:PORT EXTRA...</c> and waits until it answers /healthz.</summary>
    public static async Task<ServerProcess> StartAsync(string database, IEnumerable<string> extraArguments, CancellationToken cancellationToken)
    {
        var url = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        var start = ThisProgram.StartInfo(new[] { "--db", database, "serve", "--urls", url.ToString().TrimEnd('/') }.Concat(extraArguments));
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start analytics serve");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"serve: {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, url);
        try
        {
            await server.WaitUntilHealthyAsync(cancellationToken);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>The server's peak resident memory so far (on Linux, VmHWM), in bytes; null once it has exited.</summary>
    public long? PeakResidentBytes() => Read(process => process.PeakWorkingSet64);

    /// <summary>The CPU time the server has used so far, user and system, every thread; null once it has exited.</summary>
    public TimeSpan? Cpu() => Read(process => process.TotalProcessorTime);

    /// <summary>The server's resident memory now, in bytes.</summary>
    public long ResidentBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>Asks the server to stop (SIGTERM, as a service manager would) and waits for it; its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(patience);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    private T? Read<T>(Func<Process, T> read)
        where T : struct
    {
        try
        {
            _process.Refresh();
            return read(_process);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"analytics serve exited with code {_process.ExitCode} before it answered");
            }

            try
            {
                if ((await http.GetAsync(new Uri(Url, "/healthz"), cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"analytics serve did not answer at {Url} within 30 s");
    }

    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
