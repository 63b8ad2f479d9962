using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;
using Xunit;

namespace AnalyticsCenter.TestKit.Postgres;

/// <summary>
/// A private PostgreSQL 15 for a test run: initdb into a fresh temporary folder, listening on 127.0.0.1 only at a free port,
/// stopped and deleted at dispose. Use it as an assembly fixture (<c>[assembly: AssemblyFixture(typeof(PostgresServer))]</c>).
/// Missing binaries fail every test under CI=true and skip them elsewhere, with the reason and what to install.
/// A node of a cluster (<see cref="Citus.CitusCluster"/>) sets <see cref="Settings"/> and <see cref="TrustLoopback"/>, and can be
/// stopped and started again on its port (<see cref="StopAsync"/>, <see cref="StartAsync()"/>).
/// </summary>
public sealed class PostgresServer : IPostgresHost, IAsyncLifetime
{
    /// <summary>The superuser initdb creates; the store's own tests make ordinary roles with it.</summary>
    public const string Superuser = "analytics_admin";

    private const string ServerUser = "postgres";
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromMinutes(2);

    private readonly string _password = RandomNumberGenerator.GetHexString(32, lowercase: true);
    private string? _unavailable;

    /// <summary>Lines added to postgresql.conf (a preloaded library, its settings) before the first start.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>
    /// Lets every login from 127.0.0.1 in without a password, as a cluster's worker lets its coordinator in; otherwise TCP
    /// logins need their password.
    /// </summary>
    public bool TrustLoopback { get; init; }

    /// <summary>The temporary folder holding the data folder, the socket and the server's log.</summary>
    public string Folder { get; private set; } = "";

    public int Port { get; private set; }

    /// <summary>The postmaster's process id, from its pid file.</summary>
    public int ProcessId { get; private set; }

    /// <summary>False before the start, after dispose, and when PostgreSQL is not installed (outside CI; tests then skip).</summary>
    public bool IsRunning => ProcessId != 0;

    /// <summary>The superuser's connection to the <c>postgres</c> database.</summary>
    public string ConnectionString => ConnectionTo("postgres");

    private string DataFolder => Path.Combine(Folder, "data");

    private static bool UnderCi => Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    public async ValueTask InitializeAsync()
    {
        if (PostgresBinaries.Find(out var missing) is not { } binaries)
        {
            // CI must prove the PostgreSQL store, so there a missing server fails every test instead of skipping it.
            if (UnderCi)
            {
                throw new InvalidOperationException(missing);
            }

            _unavailable = missing;
            return;
        }

        Folder = Directory.CreateTempSubdirectory("ac-pg-").FullName;
        try
        {
            await CreateClusterAsync(binaries);
            await StartOnFreePortAsync(binaries);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>The superuser's connection to <paramref name="database"/>; skips the test when PostgreSQL is not installed.</summary>
    public string ConnectionTo(string database)
    {
        SkipUnlessRunning();
        return new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = Port,
            Username = Superuser,
            Password = _password,
            Database = database,
        }.ConnectionString;
    }

    /// <summary>Skips the test, with the reason and what to install, when PostgreSQL is not installed (never under CI).</summary>
    public void SkipUnlessRunning() => Assert.SkipWhen(_unavailable is not null, _unavailable ?? "");

    /// <inheritdoc />
    public async Task<string> CreateDatabaseAsync(string? owner = null, CancellationToken cancellationToken = default)
    {
        var name = "test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name}{(owner is null ? "" : " OWNER " + owner)}", cancellationToken);
        return name;
    }

    /// <inheritdoc />
    public async Task<string> CopyDatabaseAsync(string source, string owner, CancellationToken cancellationToken = default)
    {
        var name = "test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {source} OWNER {owner}", cancellationToken);
        return name;
    }

    /// <summary>Runs <paramref name="sql"/> as the superuser in <paramref name="database"/>.</summary>
    public async Task ExecuteAsync(string database, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionTo(database));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Stops the server: immediately (as a crash would: no checkpoint, clients cut off) or after a fast, clean shutdown. Its
    /// data stays for <see cref="StartAsync()"/>.
    /// </summary>
    public async Task StopAsync(bool immediate = true)
    {
        SkipUnlessRunning();
        if (IsRunning && PostgresBinaries.Find(out _) is { } binaries)
        {
            await RunAsync(ServerCommand(binaries.PgCtl, "stop", "-D", DataFolder, "-m", immediate ? "immediate" : "fast", "-w", "-t", "60"));
            ProcessId = 0;

            // Pooled connections to it are dead now, and Npgsql would hand them out again after a start: the first use would fail.
            NpgsqlConnection.ClearAllPools();
        }
    }

    /// <summary>Starts a stopped server again on the same port, with the same data.</summary>
    public async Task StartAsync()
    {
        SkipUnlessRunning();
        if (!IsRunning && PostgresBinaries.Find(out _) is { } binaries)
        {
            await StartAsync(binaries);
        }
    }

    /// <summary>Drops a database <see cref="CreateDatabaseAsync"/> made, closing whatever connections still use it.</summary>
    public async Task DropDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        using (var pooled = new NpgsqlConnection(ConnectionTo(database)))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Folder.Length == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            // Immediate: the data is thrown away, so there is nothing worth a clean checkpoint.
            await StopAsync(immediate: true);
        }
        finally
        {
            Directory.Delete(Folder, recursive: true);
            Folder = "";
        }
    }

    private async Task CreateClusterAsync(PostgresBinaries binaries)
    {
        var passwordFile = Path.Combine(Folder, "password");
        await File.WriteAllTextAsync(passwordFile, _password);
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync(new ProcessStartInfo("chown", ["-R", ServerUser + ":", Folder]));
        }

        // Passwords over TCP, as a real server asks; the socket in the private folder trusts its owner for pg_ctl.
        await RunAsync(ServerCommand(binaries.InitDb, "-D", DataFolder, "-U", Superuser, "--pwfile", passwordFile,
            "--auth-host", "scram-sha-256", "--auth-local", "trust", "-E", "UTF8", "--locale", "C", "--no-sync", "--no-instructions"));
        File.Delete(passwordFile);

        // Throwaway data: no fsync and a small cache make the server quick to start and to write.
        await File.AppendAllLinesAsync(Path.Combine(DataFolder, "postgresql.conf"),
        [
            "listen_addresses = '127.0.0.1'",
            $"unix_socket_directories = '{Folder}'",
            "unix_socket_permissions = 0700",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            "shared_buffers = 16MB",
            .. Settings,
        ]);
        if (TrustLoopback)
        {
            // The first matching line wins, so this one goes before initdb's.
            var hba = Path.Combine(DataFolder, "pg_hba.conf");
            await File.WriteAllTextAsync(hba, "host all all 127.0.0.1/32 trust\n" + await File.ReadAllTextAsync(hba));
        }
    }

    private async Task StartOnFreePortAsync(PostgresBinaries binaries)
    {
        // A free port can be taken between asking for it and binding it: try a few.
        const int Attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            try
            {
                await StartAsync(binaries);
                break;
            }
            catch (InvalidOperationException) when (attempt < Attempts)
            {
            }
        }
    }

    private async Task StartAsync(PostgresBinaries binaries)
    {
        await RunAsync(ServerCommand(binaries.PgCtl, "start", "-D", DataFolder, "-l", Path.Combine(Folder, "server.log"),
            "-o", $"-p {Port}", "-w", "-t", "60"));
        ProcessId = int.Parse(File.ReadLines(Path.Combine(DataFolder, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task ExecuteAsync(string sql, CancellationToken cancellationToken) => ExecuteAsync("postgres", sql, cancellationToken);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>PostgreSQL's programs refuse to run as root, so as root they run as the postgres user.</summary>
    private ProcessStartInfo ServerCommand(string program, params string[] arguments)
    {
        var start = Environment.IsPrivilegedProcess
            ? new ProcessStartInfo("runuser", ["-u", ServerUser, "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        start.WorkingDirectory = Folder;
        return start;
    }

    private async Task RunAsync(ProcessStartInfo start)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        using var timeout = new CancellationTokenSource(s_commandTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(Folder, "server.log");
            throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): "
                + $"{await errors}{await output}{(File.Exists(log) ? await File.ReadAllTextAsync(log) : "")}");
        }
    }
}
