using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AnalyticsCenter.TestKit;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>
/// A store served by a real <c>analytics serve</c> child process on 127.0.0.1, with an admin key, batches of distinct
/// events to send, and what the file holds once the server is gone.
/// </summary>
internal sealed class ServedStore : IDisposable
{
    private Process? _server;

    public ServedStore(string folder)
        : this(folder, Path.Combine(folder, "served.duckdb"))
    {
    }

    /// <param name="folder">The server's working folder.</param>
    /// <param name="database">What <c>--db</c> names: a DuckDB file, or a PostgreSQL URL several servers may share.</param>
    public ServedStore(string folder, string database)
    {
        Folder = folder;
        Database = database;
        var created = Analytics.Run(folder, "keys", "create", "--workspace", Workspace, "--scope", "admin", "--db", Database);
        Assert.Equal(0, created.ExitCode);
        Key = created.Output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Single(w => w.StartsWith("ack_", StringComparison.Ordinal));
    }

    /// <summary>The workspace the admin key belongs to.</summary>
    public const string Workspace = "acme";

    public string Folder { get; }

    public string Database { get; }

    public string Key { get; }

    public Uri Url { get; private set; } = new("http://127.0.0.1");

    /// <summary>What the server wrote to its standard output and error, line by line.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

    public Process Server => _server ?? throw new InvalidOperationException("not serving");

    /// <summary><paramref name="count"/> batches of <paramref name="size"/> events, each batch one user's, every event id naming its batch.</summary>
    public static IReadOnlyList<string> Batches(int count, int size)
    {
        var batches = new List<string>(count);
        for (var b = 0; b < count; b++)
        {
            var user = new EventLines(phone: $"5731{b:D8}");
            var body = new StringBuilder();
            for (var i = 0; i < size; i++)
            {
                var at = new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc).AddSeconds(i * 7);
                body.Append(user.Inbound(at.ToString("HH:mm:ss", CultureInfo.InvariantCulture), $"m{i}", id: BatchEventId(b, i))).Append('\n');
            }

            batches.Add(body.ToString());
        }

        return batches;
    }

    public static string BatchEventId(int batch, int index) => $"b{batch:D4}-e{index:D5}";

    public static int BatchOf(string eventId) => int.Parse(eventId.AsSpan(1, 4), CultureInfo.InvariantCulture);

    public async Task StartAsync(params string[] extra)
    {
        Url = new Uri($"http://127.0.0.1:{FreePort()}");
        string[] schedule = extra.Contains("--refresh-every") ? [] : ["--refresh-every", "none"];
        _server = Analytics.Start(Folder, null, ["--db", Database, "serve", "--urls", Url.ToString().TrimEnd('/'), .. schedule, .. extra]);
        // The server logs every request: its pipes must be drained or it would block writing to them.
        _server.OutputDataReceived += (_, e) => Log.Enqueue(e.Data ?? "");
        _server.ErrorDataReceived += (_, e) => Log.Enqueue(e.Data ?? "");
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await Healthz.WaitAsync(Url.ToString(), _server, () => string.Join('\n', Log));
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return client;
    }

    /// <summary>SIGTERM, as a service manager stops a service; the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", Server.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(TimeSpan.FromMinutes(1));
        await Server.WaitForExitAsync(patience.Token);
        return Server.ExitCode;
    }

    /// <summary>SIGKILL: no chance to finish anything.</summary>
    public async Task KillAsync()
    {
        Server.Kill(entireProcessTree: true);
        await Server.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Sends each batch once from <paramref name="clients"/> concurrent clients; <paramref name="afterAck"/> hears each acknowledgement.</summary>
    public async Task<BatchOutcome[]> SendAsync(IReadOnlyList<string> batches, int clients, Action<int>? afterAck = null)
    {
        var outcomes = new BatchOutcome[batches.Count];
        var next = -1;
        var acked = 0;
        using var http = Client();

        async Task Send()
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches.Count)
            {
                try
                {
                    using var response = await http.PostAsync(
                        "/api/v1/events", new StringContent(batches[b], Encoding.UTF8, "application/x-ndjson"), TestContext.Current.CancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
                        outcomes[b] = new BatchOutcome(200, answer.GetProperty("accepted").GetInt64(), answer.GetProperty("duplicates").GetInt64());
                        afterAck?.Invoke(Interlocked.Increment(ref acked));
                    }
                    else
                    {
                        outcomes[b] = new BatchOutcome((int)response.StatusCode, 0, 0, response.Headers.RetryAfter);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or SocketException)
                {
                    // A killed server: HttpClient usually wraps the socket's error, but not when the connection dies as it opens.
                    outcomes[b] = new BatchOutcome(0, 0, 0);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Send, TestContext.Current.CancellationToken)));
        return outcomes;
    }

    /// <summary>Every stored event id (the server must be gone: DuckDB lets one process have the file).</summary>
    public IReadOnlyList<string> StoredEventIds()
    {
        using var connection = new DuckDBConnection($"Data Source={Database};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT event_id FROM ac.events";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }

        _server?.Dispose();
    }
}

/// <summary>
/// How the server answered one batch: 200 with its counts, another status (with when to try again, if it said), or 0 when
/// the connection failed.
/// </summary>
internal sealed record BatchOutcome(int Status, long Accepted, long Duplicates, RetryConditionHeaderValue? RetryAfter = null)
{
    public bool Acknowledged => Status == 200;
}
