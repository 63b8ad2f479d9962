using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit.Postgres;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// A database of its own owned by an ordinary role with LOGIN CREATEROLE (the store's role, as on a managed service), with
/// the store's schema and two workspaces' rows: acme has one session and one deployment, globex two and one. On a Citus
/// cluster (<see cref="CitusTenantStore"/>) the schema is laid out for Citus, as the store lays it out when it opens.
/// </summary>
public class TenantStore : IAsyncLifetime
{
    public const string AcmeSecret = "acme secret";
    public const string GlobexSecret = "globex secret";

    private readonly IPostgresHost _host;
    private readonly bool _ownsHost;
    private readonly List<NpgsqlDataSource> _sources = [];
    private OwnedDatabase? _database;

    public TenantStore(PostgresServer server)
        : this(server, ownsHost: false)
    {
    }

    /// <param name="host">Where the database is made.</param>
    /// <param name="ownsHost">Whether this fixture starts <paramref name="host"/>, and stops it at dispose.</param>
    protected TenantStore(IPostgresHost host, bool ownsHost)
    {
        _host = host;
        _ownsHost = ownsHost;
    }

    /// <summary>The tenant roles' limits: a short timeout, so a sleep past it is quick to prove.</summary>
    public static TenantAccessOptions Options { get; } = new() { QueryTimeout = TimeSpan.FromSeconds(1), BiStatementTimeout = TimeSpan.FromSeconds(1) };

    public OwnedDatabase Database => _database ?? throw new InvalidOperationException("the database is made when xunit initializes the fixture");

    public string StoreRole => Database.Owner;

    /// <summary>The server (or the cluster's coordinator) the database is made on.</summary>
    public IPostgresHost Host => _host;

    /// <summary>The store's own data source: the owner of the database, never a superuser.</summary>
    public NpgsqlDataSource Store { get; private set; } = null!;

    public static WorkspaceId Acme { get; } = WorkspaceId.Parse("acme");

    public static WorkspaceId Globex { get; } = WorkspaceId.Parse("globex");

    public async ValueTask InitializeAsync()
    {
        if (_ownsHost && _host is IAsyncLifetime owned)
        {
            await owned.InitializeAsync();
        }

        if (!_host.IsRunning)
        {
            return;
        }

        _database = await OwnedDatabase.CreateAsync(_host);
        Store = Track(NpgsqlDataSource.Create(_database.ConnectionString));
        await using var connection = await Store.OpenConnectionAsync();
        await SchemaMigrations.ApplyAsync(connection, TestContext.Current.CancellationToken);
        await ExecuteAsync(connection, $"""
            INSERT INTO analytics.sessions (workspace_id, timeline_id, last_activity_at, session_id, session_started_timestamp, session_type,
                session_status, user_country_code, user_cellphone, line_whatsapp_number, first_message)
            VALUES ('acme', 1, '2026-11-20 12:00', 's-acme', '2026-11-20 12:00', 'INBOUND', 'BOT', '+57', '3001234567', '573000000000', '{AcmeSecret}'),
                   ('globex', 2, '2026-11-20 12:00', 's-globex-1', '2026-11-20 12:00', 'INBOUND', 'BOT', '+1', '4155552671', '14150000000', '{GlobexSecret}'),
                   ('globex', 3, '2026-11-20 13:00', 's-globex-2', '2026-11-20 13:00', 'OUTBOUND', 'BOT', '+1', '4155552672', '14150000000', '{GlobexSecret} 2');
            INSERT INTO analytics.deployments (workspace_id, timeline_id, conversation_id, conversation_version, user_country_code, user_cellphone,
                deployment_timestamp, delivery_status, deployment_id, line_whatsapp_number)
            VALUES ('acme', 1, 'flow', 1, '+57', '3001234567', '2026-11-20 12:10', 'DELIVERED', 'dep-a', '573000000000'),
                   ('globex', 3, 'flow', 1, '+1', '4155552672', '2026-11-20 12:55', 'DELIVERED', 'dep-g', '14150000000');
            ANALYZE analytics.sessions, analytics.deployments;
            """);
    }

    /// <summary>A tenant role for <paramref name="workspace"/>, made as <see cref="TenantQueries"/> makes it, and its connection string.</summary>
    public async Task<string> TenantConnectionStringAsync(WorkspaceId workspace)
    {
        var roles = new TenantRoles(Store, Options, TimeProvider.System);
        var role = await roles.QueryRoleAsync(workspace, TestContext.Current.CancellationToken);
        return new NpgsqlConnectionStringBuilder(roles.ConnectionStringFor(role, 2)) { Pooling = false }.ConnectionString;
    }

    /// <summary>A data source that is disposed with the store, before its database is dropped.</summary>
    public NpgsqlDataSource Track(NpgsqlDataSource source)
    {
        _sources.Add(source);
        return source;
    }

    /// <summary>Runs <paramref name="sql"/> as the store's role.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await Store.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await ExecuteAsync(connection, sql);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            var roles = new List<string>();
            await using (var connection = await Sql.OpenAsync(_database.SuperuserConnectionString))
            await using (var command = new NpgsqlCommand("SELECT role_name::text FROM analytics.tenant_roles", connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    roles.Add(reader.GetString(0));
                }
            }

            foreach (var source in _sources)
            {
                await source.DisposeAsync();
            }

            // Roles belong to the whole server: drop the tenants' once their database is gone (the store's goes with it).
            await _database.DisposeAsync();
            await using var admin = await Sql.OpenAsync(_host.ConnectionString);
            foreach (var role in roles)
            {
                await ExecuteAsync(admin, $"DROP ROLE IF EXISTS {role}");
            }
        }

        if (_ownsHost && _host is IAsyncDisposable owned)
        {
            await owned.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
