using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// BI tools' logins on PostgreSQL: each a LOGIN role of its own with the same walls as a workspace's query role (its two
/// views, read-only by default, a statement timeout, a connection limit), whose password is printed once and never kept.
/// </summary>
public sealed class BiAccess : IBiAccess
{
    private readonly NpgsqlDataSource _store;
    private readonly TenantRoles _roles;

    /// <param name="store">The store's data source: an ordinary role with CREATEROLE that owns the database.</param>
    /// <param name="options">The limits; null for the defaults.</param>
    /// <param name="time">Stamps the grants.</param>
    public BiAccess(NpgsqlDataSource store, TenantAccessOptions? options, TimeProvider time)
    {
        _store = store;
        _roles = new TenantRoles(store, options ?? new TenantAccessOptions(), time);
    }

    /// <inheritdoc />
    public async Task<BiAccessGrant> GrantBiAccessAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken = default)
    {
        if (!BiAccessNames.IsValid(name))
        {
            throw new ArgumentException(BiAccessNames.Malformed(name), nameof(name));
        }

        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await TenantRoles.ExecuteAsync(connection, transaction, SqlScripts.Get("Tenant/LockRoles.sql"), cancellationToken);
        if ((await ListBiAccessAsync(connection, transaction, cancellationToken)).Any(known => known.Name == name))
        {
            throw new ArgumentException(BiAccessNames.Taken(name), nameof(name));
        }

        var role = await _roles.CreateAsync(connection, transaction, workspace, TenantRoles.BiPurpose, name, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var info = (await ListBiAccessAsync(connection, null, cancellationToken)).Single(known => known.Name == name);
        return new BiAccessGrant(info, ConnectionUrl(role));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BiAccessInfo>> ListBiAccessAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        return await ListBiAccessAsync(connection, null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> RevokeBiAccessAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await _store.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await TenantRoles.ExecuteAsync(connection, transaction, SqlScripts.Get("Tenant/LockRoles.sql"), cancellationToken);
        await using var forget = new NpgsqlCommand(SqlScripts.Get("Tenant/ForgetBiRole.sql"), connection, transaction);
        forget.Parameters.AddWithValue("label", name);
        if (await forget.ExecuteScalarAsync(cancellationToken) is not string role)
        {
            return false;
        }

        await TenantRoles.DropAsync(connection, transaction, role, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<IReadOnlyList<BiAccessInfo>> ListBiAccessAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SqlScripts.Get("Tenant/ListBiRoles.sql"), connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var roles = new List<BiAccessInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var created = reader.Utc(3);
            roles.Add(new BiAccessInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), created));
        }

        return roles;
    }

    /// <summary><c>postgresql://role:password@host:port/database</c>, where the store itself connects.</summary>
    private string ConnectionUrl(TenantRole role)
    {
        var settings = new NpgsqlConnectionStringBuilder(_store.ConnectionString);
        var host = settings.Host is { } h && h.Contains(':', StringComparison.Ordinal) ? $"[{h}]" : settings.Host;
        return $"postgresql://{role.Name}:{role.Password}@{host}:{settings.Port}/{Uri.EscapeDataString(settings.Database ?? "")}";
    }
}
