namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// Who runs a scheduled refresh: however many servers share a store, each scheduled instant is claimed by one of them, and
/// only that one refreshes for it.
/// </summary>
public interface IRefreshClaims
{
    /// <summary>
    /// Claims the scheduled refresh as of <paramref name="boundaryUtc"/> for the calling process. True for exactly one caller
    /// per boundary, whichever process asks; false for every later one. A claim is kept even if its refresh then fails or
    /// the process dies: the next boundary refreshes everything anyway.
    /// </summary>
    /// <param name="boundaryUtc">The scheduled instant, in UTC (the same instant on every server, as the schedule is aligned to UTC).</param>
    /// <param name="cancellationToken">Stops waiting for the store.</param>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<bool> TryClaimRefreshAsync(DateTime boundaryUtc, CancellationToken cancellationToken = default);
}
