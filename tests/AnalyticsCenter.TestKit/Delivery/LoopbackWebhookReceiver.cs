using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace AnalyticsCenter.TestKit.Delivery;

/// <summary>
/// An HTTP receiver on a free 127.0.0.1 port (HttpListener) that answers each POST with the next status of its script (a
/// 0 holds the request past the sender's timeout), then 200, and keeps what it took. Stopped at dispose.
/// </summary>
public sealed class LoopbackWebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<int> _script;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _hold;
    private readonly Task _loop;

    /// <param name="script">The statuses of the first answers, in order; 0 holds the request for <paramref name="hold"/> first.</param>
    /// <param name="hold">How long a 0 holds its request before answering 200 (too late).</param>
    public LoopbackWebhookReceiver(IEnumerable<int> script, TimeSpan? hold = null)
    {
        _script = new ConcurrentQueue<int>(script);
        _hold = hold ?? TimeSpan.FromSeconds(2);
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/hook/";
        }

        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Where to POST.</summary>
    public string Url { get; }

    /// <summary>Every request taken, in order.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var status = _script.TryDequeue(out var scripted) ? scripted : 200;
        if (status == 0)
        {
            await Task.Delay(_hold);
            status = 200;
        }

        var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k] ?? "",
            StringComparer.OrdinalIgnoreCase);
        _received.Enqueue(new ReceivedWebhook(headers, body.ToArray(), status));
        context.Response.StatusCode = status;
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        await _loop;
        _stop.Dispose();
    }
}
