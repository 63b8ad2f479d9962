using System.Net;
using System.Net.Sockets;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Postgres.Tests;

public sealed class PostgresServerLifetimeTests
{
    [Fact]
    public async Task Disposing_the_server_stops_its_process_frees_its_port_and_deletes_its_folder()
    {
        // Disposing twice is harmless: the using only cleans up after a failed assertion.
        await using var server = new PostgresServer();
        await server.InitializeAsync();
        server.SkipUnlessRunning();
        var (folder, process, port) = (server.Folder, server.ProcessId, server.Port);
        Assert.True(Directory.Exists(folder));
        Assert.True(IsAlive(process));

        await server.DisposeAsync();

        Assert.False(Directory.Exists(folder));
        Assert.False(IsAlive(process));
        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken).AsTask());
    }

    // An exited process the init process has not reaped yet is a zombie (state Z): gone, though /proc still lists it.
    private static bool IsAlive(int process)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{process}/stat");
        }
        catch (IOException)
        {
            return false;
        }

        return text[(text.LastIndexOf(')') + 2)..] is not ['Z' or 'X', ..];
    }
}
