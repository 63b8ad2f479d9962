using System.Globalization;
using System.Security.Cryptography;
using AnalyticsCenter.Core.Events;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// Creates and drops the login roles tenant SQL and BI tools connect as (Sql/Migrations/003_tenant_access.sql and
/// 008_literal_tenant_views.sql say what they may do), from the store's own connection: an ordinary role with CREATEROLE
/// that owns the database.
/// </summary>
internal sealed class TenantRoles(NpgsqlDataSource store, TenantAccessOptions options, TimeProvider time)
{
    /// <summary>What a role is for: the store's own login for tenant SQL, or a BI tool's.</summary>
    public const string QueryPurpose = "query";

    public const string BiPurpose = "bi";

    /// <summary>
    /// <paramref name="workspace"/>'s query role, created with its grants on first use. Idempotent and safe with several
    /// processes: an advisory lock serializes creation, and the role and its row commit together.
    /// </summary>
    public async Task<TenantRole> QueryRoleAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        if (await FindQueryRoleAsync(connection, null, workspace, cancellationToken) is { } known)
        {
            return known;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, SqlScripts.Get("Tenant/LockRoles.sql"), cancellationToken);
        if (await FindQueryRoleAsync(connection, transaction, workspace, cancellationToken) is { } raced)
        {
            return raced;
        }

        var role = await CreateAsync(connection, transaction, workspace, QueryPurpose, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return role;
    }

    /// <summary>
    /// Creates a login role for <paramref name="workspace"/> and registers it, in <paramref name="transaction"/>, which
    /// holds the roles' advisory lock (Tenant/LockRoles.sql). A BI role's password is returned, never kept.
    /// </summary>
    public async Task<TenantRole> CreateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, WorkspaceId workspace, string purpose, string? label,
        CancellationToken cancellationToken)
    {
        // Opaque names: every role can list role names, so a name must not say which workspaces exist.
        var role = new TenantRole("ac_" + RandomNumberGenerator.GetHexString(24, lowercase: true), RandomNumberGenerator.GetHexString(40, lowercase: true));
        var (connectionLimit, timeout) = purpose == QueryPurpose
            ? (options.QueryRoleConnectionLimit, options.QueryTimeout)
            : (options.BiConnectionLimit, options.BiStatementTimeout);
        var ddl = SqlScripts.Get("Tenant/CreateRole.sql")
            .Replace("{role}", role.Name, StringComparison.Ordinal)
            .Replace("{password}", ScramVerifier.For(role.Password), StringComparison.Ordinal)
            .Replace("{connection_limit}", Number(connectionLimit), StringComparison.Ordinal)
            .Replace("{statement_timeout_ms}", Number((long)timeout.TotalMilliseconds), StringComparison.Ordinal)
            .Replace("{idle_timeout_ms}", Number((long)options.IdleSessionTimeout.TotalMilliseconds), StringComparison.Ordinal)
            .Replace("{work_mem_kb}", Number(options.WorkMemKilobytes), StringComparison.Ordinal)
            .Replace("{database}", QuoteIdentifier(connection.Database), StringComparison.Ordinal);
        await ExecuteAsync(connection, transaction, ddl, cancellationToken);
        await using (var open = new NpgsqlCommand(SqlScripts.Get("Tenant/OpenViews.sql"), connection, transaction))
        {
            open.Parameters.AddWithValue("role", role.Name);
            open.Parameters.AddWithValue("workspace", workspace.Value);
            await open.ExecuteNonQueryAsync(cancellationToken);
        }

        await ExecuteAsync(
            connection, transaction, SqlScripts.Get("Tenant/SearchBounded.sql").Replace("{role}", role.Name, StringComparison.Ordinal), cancellationToken);

        await using var register = new NpgsqlCommand(SqlScripts.Get("Tenant/RegisterRole.sql"), connection, transaction);
        register.Parameters.AddWithValue("role", role.Name);
        register.Parameters.AddWithValue("workspace", workspace.Value);
        register.Parameters.AddWithValue("purpose", purpose);
        register.Parameters.AddWithValue("label", (object?)label ?? DBNull.Value);
        register.Parameters.AddWithValue("created_at", time.GetUtcNow().UtcDateTime);
        register.Parameters.AddWithValue("password", purpose == QueryPurpose ? role.Password : DBNull.Value);
        await register.ExecuteNonQueryAsync(cancellationToken);
        return role;
    }

    /// <summary>Drops <paramref name="role"/> (a name this class generated) and ends its sessions (Tenant/DropRole.sql).</summary>
    public static Task DropAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string role, CancellationToken cancellationToken)
    {
        if (!IsGeneratedName(role))
        {
            throw new InvalidOperationException($"\"{role}\" is not a tenant role name");
        }

        var drop = SqlScripts.Get("Tenant/DropRole.sql").Replace("{role}", role, StringComparison.Ordinal);
        return ExecuteAsync(connection, transaction, drop, cancellationToken);
    }

    /// <summary>
    /// The store's connection string, logging in as <paramref name="role"/> instead, without the store's automatic
    /// preparation: a tenant statement prepared on the server gets a generic plan after a few runs, planned without its
    /// parameters' values, so a ready report's empty optional filters (<c>@x IS NULL OR …</c>) stop folding away and its
    /// estimates collapse (a sort spilled to disk where a hash aggregate fit); each run is planned with its values instead.
    /// It also keeps tenants' texts from staying prepared in the server's backends.
    /// </summary>
    public string ConnectionStringFor(TenantRole role, int maxPoolSize) =>
        new NpgsqlConnectionStringBuilder(store.ConnectionString)
        {
            Username = role.Name,
            Password = role.Password,
            MaxPoolSize = maxPoolSize,
            MinPoolSize = 0,
            MaxAutoPrepare = 0,
        }.ConnectionString;

    public static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<TenantRole?> FindQueryRoleAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, WorkspaceId workspace, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SqlScripts.Get("Tenant/FindQueryRole.sql"), connection, transaction);
        command.Parameters.AddWithValue("workspace", workspace.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new TenantRole(reader.GetString(0), reader.GetString(1)) : null;
    }

    private static bool IsGeneratedName(string role) =>
        role.Length == 27 && role.StartsWith("ac_", StringComparison.Ordinal) && role[3..].All(char.IsAsciiHexDigitLower);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
