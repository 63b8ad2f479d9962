using AnalyticsCenter.Core.Storage;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>Scheduled refreshes claimed in <c>analytics.refresh_claims</c>: the boundary is the key, so one insert per boundary wins.</summary>
internal sealed class RefreshClaims(NpgsqlDataSource source, TimeProvider time) : IRefreshClaims
{
    /// <summary>Which server took a claim, for an operator reading the table.</summary>
    private static readonly string s_claimant = $"{Environment.MachineName}/{Environment.ProcessId}";

    public async Task<bool> TryClaimRefreshAsync(DateTime boundaryUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync("Claims/Claim.sql", cancellationToken,
            ("boundary", StoredTime.Micros(boundaryUtc.ToUniversalTime())), ("claimed_by", s_claimant),
            ("claimed_at", StoredTime.Now(time))) == 1;
    }
}
