using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace AnalyticsCenter.TestKit.Delivery;

/// <summary>
/// A real SMTP server (the SmtpServer library) on a free 127.0.0.1 port, plain and without login, keeping every message
/// it takes so a test reads back what arrived. Stopped at dispose.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Keeper _keeper = new();

    private LoopbackSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_keeper);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>The messages taken, in order.</summary>
    public IReadOnlyList<ReceivedEmail> Received => [.. _keeper.Messages];

    /// <summary>Starts a server and waits until it answers.</summary>
    public static async Task<LoopbackSmtpServer> StartAsync()
    {
        var server = new LoopbackSmtpServer(FreePort());
        for (var tries = 0; ; tries++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, server.Port);
                return server;
            }
            catch (SocketException) when (tries < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for at least <paramref name="count"/> messages.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (_keeper.Messages.Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }

        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Keeper : MessageStore
    {
        public ConcurrentQueue<ReceivedEmail> Messages { get; } = new();

        public override Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            Messages.Enqueue(new ReceivedEmail(transaction.To.Select(m => $"{m.User}@{m.Host}").ToList(), message));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
