using AnalyticsCenter.Core.Storage;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>The sign-in cookie keys in <c>analytics.signin_keys</c>, shared by every server on the database.</summary>
internal sealed class SignInKeyRing(NpgsqlDataSource source, TimeProvider time) : ISignInKeyRing
{
    public async Task<IReadOnlyList<string>> ReadSignInKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command("SignInKeys/Read.sql");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public async Task StoreSignInKeyAsync(string name, string xml, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("SignInKeys/Store.sql", cancellationToken,
            ("name", name), ("xml", xml), ("stored_at", StoredTime.Now(time)));
    }
}
